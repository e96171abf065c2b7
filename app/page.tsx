import { loadConfig } from '@/lib/config'
import { warmUpState } from '@/lib/warm-up'
import { Chat } from './components/Chat'

// configuration is read when the page is served, not when it is built
export const dynamic = 'force-dynamic'

export default function ChatPage() {
  const config = loadConfig()
  return <Chat answerer={config.LLM_BASE_URL && config.LLM_MODEL ? 'llm' : 'extractive'} embedder={config.EMBEDDER} loading={warmUpState() === 'loading'} />
}
