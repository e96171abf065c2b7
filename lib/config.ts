import { z } from 'zod'
import { BUILTIN_EMBEDDER_ID, isBuiltinEmbedder } from './embed/ids'

const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional())
const ConfigSchema = z.object({
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_DIR: z.string().default('data/index'),
  CACHE_DIR: z.string().default('data/cache'),
  /** documents uploaded on the library page */
  LIBRARY_DIR: z.string().default('data/library'),
  // "builtin-cedict" means the current version of the built-in embedder
  EMBEDDER: z
    .string()
    .default(BUILTIN_EMBEDDER_ID)
    .transform((id) => (isBuiltinEmbedder(id) ? BUILTIN_EMBEDDER_ID : id)),
  RERANKER: optionalString,
  LLM_BASE_URL: optionalString.pipe(z.string().url('LLM_BASE_URL must be a URL such as http://localhost:11434/v1').optional()),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  DENSE_WEIGHT: z.coerce.number().min(0).default(1),
  LEXICAL_WEIGHT: z.coerce.number().min(0).default(1),
})

export type Config = z.infer<typeof ConfigSchema>

/** Environment → typed configuration, validated once with messages that name the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const config = parsed.data
  if (config.LLM_BASE_URL && !config.LLM_MODEL) throw new Error('Invalid configuration: LLM_BASE_URL is set but LLM_MODEL is not')
  return config
}
