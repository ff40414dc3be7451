import type { Migration } from './migration'
import { publicationNameFor } from '../../import/naming'

// Galley learns each publication from its editor: an edition belongs to one publication (the
// table has been there since the first step, unused), every structural decision the editor makes
// is recorded against it, the rules learnt from approved pages are kept with their evidence (and
// can be undone one by one), and a page proposed again with them says what changed and why.
export const m012Learning: Migration = {
  version: 12,
  name: 'learning',
  up: (db) => {
    db.exec(`
      CREATE TABLE structure_decisions (
        id INTEGER PRIMARY KEY,
        publication_id INTEGER REFERENCES publications(id),
        page_id INTEGER NOT NULL REFERENCES pages(id),
        revision_id INTEGER,
        action TEXT NOT NULL CHECK (action IN ('role', 'split', 'merge', 'title', 'furniture', 'kind', 'boundary', 'approve')),
        line_text TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}',
        via TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX structure_decisions_by_publication ON structure_decisions(publication_id, id);
      CREATE INDEX structure_decisions_by_page ON structure_decisions(page_id, id);

      -- The roles the editor gave lines of a revision (a line's role changed in the workbench or
      -- set by galley structure set); the articles' fields say the rest.
      CREATE TABLE line_roles (
        page_id INTEGER NOT NULL REFERENCES pages(id),
        revision_id INTEGER NOT NULL,
        line INTEGER NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (page_id, revision_id, line)
      ) WITHOUT ROWID;

      CREATE TABLE learnt_rules (
        id INTEGER PRIMARY KEY,
        publication_id INTEGER NOT NULL REFERENCES publications(id),
        template TEXT NOT NULL,
        role TEXT NOT NULL,
        lines INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        example TEXT NOT NULL,
        page_id INTEGER REFERENCES pages(id),
        origin TEXT NOT NULL DEFAULT 'learnt' CHECK (origin IN ('learnt', 'imported')),
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (publication_id, template, role)
      );

      CREATE TABLE page_reproposals (
        id INTEGER PRIMARY KEY,
        page_id INTEGER NOT NULL REFERENCES pages(id),
        revision_id INTEGER NOT NULL,
        changes_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX page_reproposals_by_page ON page_reproposals(page_id, id);

      -- What the publication's approved pages taught the role model (analysis/profile.ts
      -- RoleAdjustment, as JSON): one a publication, undone as a whole.
      CREATE TABLE publication_models (
        publication_id INTEGER PRIMARY KEY REFERENCES publications(id),
        adjustment_json TEXT NOT NULL,
        pages INTEGER NOT NULL,
        lines INTEGER NOT NULL,
        origin TEXT NOT NULL DEFAULT 'learnt' CHECK (origin IN ('learnt', 'imported')),
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone')),
        updated_at TEXT NOT NULL
      );
    `)
    // Editions stored before belong to the publication their name names.
    const editions = db.prepare('SELECT id, name FROM editions WHERE publication_id IS NULL').all() as { id: number; name: string }[]
    const find = db.prepare('SELECT id FROM publications WHERE name = ?').pluck()
    const insert = db.prepare("INSERT INTO publications (name, created_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))")
    const set = db.prepare('UPDATE editions SET publication_id = ? WHERE id = ?')
    for (const e of editions) {
      const name = publicationNameFor(e.name)
      const id = (find.get(name) as number | undefined) ?? Number(insert.run(name).lastInsertRowid)
      set.run(id, e.id)
    }
  }
}
