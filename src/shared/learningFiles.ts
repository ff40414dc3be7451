import { z } from 'zod'
import { STRUCTURE_ROLES } from './types'

// The two files of the learning path: a publication's profile (exported on one workstation,
// imported on another) and a page's structure in the form `galley analyze --json` prints
// (`galley structure set`). Both are checked with these schemas wherever they come in.

export const PROFILE_FORMAT = 'galley-publication-profile'

export const profileFileSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT),
    version: z.literal(1),
    publication: z.string().min(1).max(200),
    /** The analysis' TEMPLATE_VERSION the templates were made with. */
    templateVersion: z.number().int().min(1),
    exportedAt: z.string().max(40).optional(),
    rules: z
      .array(
        z
          .object({
            template: z.string().min(1).max(200),
            role: z.enum(STRUCTURE_ROLES),
            lines: z.number().int().min(1),
            pages: z.number().int().min(0),
            example: z.string().max(1000),
            state: z.enum(['active', 'undone']).optional()
          })
          .strict()
      )
      .max(50_000),
    /** What the publication's approved pages taught the role model (analysis/profile.ts RoleAdjustment). */
    model: z
      .object({
        features: z.array(z.string().min(1).max(100)).max(1000),
        roles: z.array(z.enum(STRUCTURE_ROLES)).max(50),
        deltas: z.array(z.array(z.number().finite().min(-100).max(100)).max(1001)).max(50),
        pages: z.number().int().min(0),
        lines: z.number().int().min(0),
        state: z.enum(['active', 'undone']).optional(),
        /** How the approved pages stack their heads (analysis/profile.ts RoleAdjustment.stackVotes). */
        stackVotes: z.number().int().min(-1_000_000).max(1_000_000).optional()
      })
      .strict()
      .refine((m) => m.deltas.length === m.roles.length && m.deltas.every((row) => row.length === m.features.length + 1), 'model: one row of deltas a role, one a feature and the bias')
      .optional()
  })
  .strict()

export type ProfileFile = z.infer<typeof profileFileSchema>

const line = z.string().max(200_000)

/** One entry of `analyze --json`'s articles (its other fields, flags and confidence, are read past). */
export const structureArticleSchema = z.object({
  kind: z.enum(['article', 'caption', 'fragment']),
  title: z.string().max(2000).optional(),
  kicker: z.string().max(2000).nullable().optional(),
  subtitle: z.string().max(2000).nullable().optional(),
  headings: z.array(z.string().max(2000)).max(50).optional(),
  byline: z.string().max(2000).nullable().optional(),
  paragraphs: z.array(z.object({ role: z.enum(['body', 'subhead']), text: line })).max(5000).optional()
})

export const structureFileSchema = z.object({
  articles: z.array(structureArticleSchema).max(2000),
  furniture: z.array(line).max(5000).optional()
})

export type StructureFile = z.infer<typeof structureFileSchema>
