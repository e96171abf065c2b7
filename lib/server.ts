import { answerOnce } from './answer/answer'
import { loadConfig } from './config'
import { Retriever } from './retrieve/retriever'

// Next bundles instrumentation and each route separately: a global keeps one retriever per process.
const shared = globalThis as typeof globalThis & { __retriever?: Promise<Retriever> }

/** One retriever per server process: the index, the embedder and the dictionaries load once. */
export function getRetriever(): Promise<Retriever> {
  shared.__retriever ??= Retriever.open(loadConfig()).catch((err) => {
    shared.__retriever = undefined // a missing index may be built later; try again on the next request
    throw err
  })
  return shared.__retriever
}

/** Load everything a first question needs before anyone asks. */
export async function warmUp(): Promise<void> {
  const retriever = await getRetriever()
  for (const q of ['What hampers technology transfer?', '科技合作']) await answerOnce(q, [], { retriever })
}
