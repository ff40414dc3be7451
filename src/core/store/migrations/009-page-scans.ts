import type { Migration } from './migration'

// What an OCR engine knew of a page (where its blocks, lines and words are on the scan) and the
// scan itself: the image is a file in the media folder beside the database, named by its
// SHA-256; the row only names it. Both are part of the page's original: never changed.
export const m009PageScans: Migration = {
  version: 9,
  name: 'page-scans',
  up: (db) => {
    db.exec(`
      CREATE TABLE page_geometry (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id),
        format TEXT NOT NULL CHECK (format IN ('alto', 'hocr', 'page')),
        geometry_json TEXT NOT NULL CHECK (json_valid(geometry_json))
      );
      CREATE TRIGGER page_geometry_is_immutable BEFORE UPDATE ON page_geometry
      BEGIN SELECT RAISE(ABORT, 'page geometry is immutable'); END;

      CREATE TABLE page_images (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/tiff', 'image/webp', 'application/pdf')),
        byte_length INTEGER NOT NULL CHECK (byte_length > 0),
        width INTEGER,
        height INTEGER,
        source_name TEXT NOT NULL
      );
      CREATE INDEX page_images_by_hash ON page_images(sha256);
      CREATE TRIGGER page_images_are_immutable BEFORE UPDATE ON page_images
      BEGIN SELECT RAISE(ABORT, 'page images are immutable'); END;
    `)
  }
}
