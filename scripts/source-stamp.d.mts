/** What the app build was made from (see source-stamp.mjs): the code under `root` (default: the working directory). */
export function sourceStamp(root?: string): string
