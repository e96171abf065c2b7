'use client'
import { useEffect } from 'react'

/** Brings the highlighted passage into view once the page has loaded (no inline script: the CSP forbids them). */
export function ScrollToPassage() {
  useEffect(() => {
    document.getElementById('passage')?.scrollIntoView({ block: 'center' })
  }, [])
  return null
}
