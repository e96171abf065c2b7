import { loadConfig } from './config'
import { Retriever } from './retrieve/retriever'

let retriever: Promise<Retriever> | undefined

/** One retriever per server process: the index and the embedder load once. */
export function getRetriever(): Promise<Retriever> {
  retriever ??= Retriever.open(loadConfig()).catch((err) => {
    retriever = undefined // a missing index may be built later; try again on the next request
    throw err
  })
  return retriever
}
