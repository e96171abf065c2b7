// The part of autocannon's API that scripts/load.ts uses (the package ships no types).
declare module 'autocannon' {
  export interface Histogram {
    average: number
    mean: number
    max: number
    p50: number
    p97_5: number
    p99: number
  }
  export interface Options {
    url: string
    connections: number
    duration: number
    method?: string
    headers?: Record<string, string>
    requests?: { method?: string; path?: string; body?: string; headers?: Record<string, string> }[]
    timeout?: number
  }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats?: Record<string, { count: number }>
  }
  function autocannon(options: Options): Promise<Result>
  export default autocannon
}
