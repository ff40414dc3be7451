// What a dialog remembers in this browser profile (localStorage): read back as untrusted JSON,
// and never a failure when storage is refused (private mode, a sandbox) or full.

export function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Storage refused: nothing is remembered.
    return null
  }
}

/** The stored value, parsed; null when there is none or it is not JSON (the caller checks its shape). */
export function readStored(key: string, storage: Pick<Storage, 'getItem'> | null): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null') as unknown
  } catch {
    // Malformed: as if nothing were stored.
    return null
  }
}

export function writeStored(key: string, value: unknown, storage: Pick<Storage, 'setItem'> | null): void {
  try {
    storage?.setItem(key, JSON.stringify(value))
  } catch {
    // not kept: the choice holds for this session
  }
}
