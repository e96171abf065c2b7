import { describe, expect, it } from 'vitest'
import { assessEvidence } from '../../lib/answer/evidence'
import { answerTypeOf, type QuestionFocus } from '../../lib/retrieve/analyze'

const term = (text: string, kind: 'name' | 'term' = 'term') => ({ text, forms: [text], kind, weight: 1 })

describe('the kind of answer asked for', () => {
  it('counts an English "how many <noun>" in the measure words of that noun', () => {
    const people = answerTypeOf('How many Russian scientists attended the forum?')
    expect(people.wants).toBe('number')
    expect(new RegExp(people.unit!).test('名')).toBe(true)
    expect(answerTypeOf('How many groups of countries are there?').unit).toBeUndefined()
  })

  it('takes an identifier for a code, not a count', () => {
    expect(answerTypeOf('What is the approval number of the project?').wants).toBe('other')
    expect(answerTypeOf('该项目的批准号是什么？').wants).toBe('other')
    expect(answerTypeOf('What number of projects were approved?').wants).toBe('number')
  })

  it('asks "who is X affiliated with" for an institution, not a person', () => {
    expect(answerTypeOf('Who is the author affiliated with?').wants).toBe('other')
    expect(answerTypeOf('Who founded the laboratory?').wants).toBe('person')
  })
})

describe('evidence for a date, a number or a name', () => {
  const focus: QuestionFocus = { terms: [term('数学中心', 'name'), term('成立')], wants: 'date', anaphora: false }

  it('needs it in the sentence about the focus, not in the sentence before', () => {
    const before = '2020 年，双方开展了广泛的科研合作。清单涵盖数学中心的成立和联合实验室。'
    expect(assessEvidence(focus, [{ text: before }]).typeUnmet).toBe(true)
    const same = '双方开展了广泛的科研合作。数学中心于 2020 年成立。'
    expect(assessEvidence(focus, [{ text: same }]).typeUnmet).toBe(false)
  })
})
