import { z } from 'zod'

export const MAX_METADATA_BODY_BYTES = 20_000

/** PATCH /api/library/<docId>: the fields to change; null (or "" for the URL) removes one. */
export const MetadataEditRequest = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(500, 'title is longer than 500 characters'),
    authors: z.array(z.string().trim().min(1, 'an author must not be empty').max(200, 'an author is longer than 200 characters')).max(50, 'at most 50 authors'),
    year: z.number().int('year must be a whole number').min(1900, 'year must be 1900 or later').max(2100, 'year must be 2100 or earlier').nullable(),
    url: z.union([z.url({ protocol: /^https?$/, error: 'url must be an http(s) address' }), z.literal('')]).nullable(),
  })
  .partial()
  .strict()
  .refine((edit) => Object.keys(edit).length > 0, 'send at least one of title, authors, year, url')

export const METADATA_EXAMPLE = '{"title": "…", "authors": ["…"], "year": 2024, "url": "https://…"}'
