/** The largest page file Galley takes; a larger one is refused by name, alone. */
export const MAX_PAGE_BYTES = 20 * 1024 * 1024
