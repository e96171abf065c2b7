'use client'
import Markdown from 'react-markdown'

/**
 * The answer as markdown (react-markdown renders no raw HTML), with the answer's "[n]" citation
 * markers turned into chips that open the passage panel.
 */
export function AnswerText({ text, onCite, known }: { text: string; onCite: (n: number) => void; known: Set<number> }) {
  const linked = text.replace(/\[(\d{1,2})\]/g, (m, n) => (known.has(Number(n)) ? `[${n}](#cite-${n})` : m))
  return (
    <div className="answer-text">
      <Markdown
        components={{
          a: ({ href, children }) => {
            const cite = href?.match(/^#cite-(\d+)$/)
            if (cite)
              return (
                <button type="button" className="chip" data-cite={cite[1]} aria-label={`citation ${cite[1]}`} onClick={() => onCite(Number(cite[1]))}>
                  {cite[1]}
                </button>
              )
            return (
              <a href={href} target="_blank" rel="noreferrer noopener">
                {children}
              </a>
            )
          },
        }}
      >
        {linked}
      </Markdown>
    </div>
  )
}
