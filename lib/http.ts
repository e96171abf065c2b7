import type { z } from 'zod'

/** Reads a JSON request body no larger than `maxBytes` and validates it; on failure, the error response to send. */
export async function readJsonRequest<T extends z.ZodType>(
  request: Request,
  schema: T,
  maxBytes: number,
  example: string,
): Promise<{ data: z.infer<T> } | { error: Response }> {
  const body = await request.text()
  if (body.length > maxBytes) return { error: Response.json({ error: `request body is larger than ${maxBytes / 1000} kB` }, { status: 413 }) }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { error: Response.json({ error: `request body must be JSON: ${example}` }, { status: 400 }) }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success)
    return { error: Response.json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') }, { status: 400 }) }
  return { data: parsed.data }
}
