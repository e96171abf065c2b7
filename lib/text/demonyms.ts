// adjectives of nationality whose country no ending rule reaches (English morphology, not the corpus's words)
const IRREGULAR_DEMONYMS: Record<string, string[]> = {
  british: ['britain', 'united kingdom'],
  english: ['england'],
  dutch: ['netherlands', 'holland'],
  french: ['france'],
  german: ['germany'],
  swiss: ['switzerland'],
  norwegian: ['norway'],
  swedish: ['sweden'],
  finnish: ['finland'],
  danish: ['denmark'],
  polish: ['poland'],
  turkish: ['turkey'],
  spanish: ['spain'],
  irish: ['ireland'],
  scottish: ['scotland'],
  welsh: ['wales'],
  greek: ['greece'],
  thai: ['thailand'],
  israeli: ['israel'],
  pakistani: ['pakistan'],
  saudi: ['saudi arabia'],
  iraqi: ['iraq'],
  filipino: ['philippines'],
  czech: ['czech republic'],
  kazakh: ['kazakhstan'],
  uzbek: ['uzbekistan'],
  tajik: ['tajikistan'],
  kyrgyz: ['kyrgyzstan'],
  korean: ['south korea', 'korea'],
  afghan: ['afghanistan'],
  mexican: ['mexico'],
  argentine: ['argentina'],
  belgian: ['belgium'],
  portuguese: ['portugal'],
  soviet: ['soviet union'],
}

/**
 * The places an English adjective of nationality may name: European → europe, Russian → russia,
 * Canadian → canada, Italian → italy, Chinese → china, Japanese → japan, Brazilian → brazil,
 * Ukrainian → ukraine, and the irregular ones (Swiss → switzerland); the people too (Russians → russia).
 */
export function demonymBases(word: string): string[] {
  const w = word.toLowerCase()
  if (IRREGULAR_DEMONYMS[w]) return IRREGULAR_DEMONYMS[w]
  // (the people: Russians, Norwegians)
  if (/[^s]s$/.test(w)) return demonymBases(w.slice(0, -1))
  if (/ese$/.test(w)) return [w.slice(0, -3), `${w.slice(0, -3)}a`].filter((b) => b.length >= 3)
  if (!/an$/.test(w)) return []
  const bases = [w.slice(0, -2), w.slice(0, -1), w.replace(/ian$/, 'y'), w.replace(/ian$/, 'a'), w.replace(/ian$/, ''), w.replace(/ian$/, 'e')]
  return [...new Set(bases)].filter((b) => b !== w && b.length >= 3)
}
