import { useSyncExternalStore } from 'react'

/** A small external store: components subscribe to the slices they show, nothing re-renders the world. */
export class Store<T extends object> {
  private listeners = new Set<() => void>()
  constructor(private state: T) {}

  get = (): T => this.state

  set(patch: Partial<T> | ((state: T) => Partial<T>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch
    let changed = false
    for (const key of Object.keys(next) as Array<keyof T>) {
      if (!Object.is(this.state[key], next[key])) changed = true
    }
    if (!changed) return
    this.state = { ...this.state, ...next }
    for (const listener of this.listeners) listener()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

/** Select a slice; the selector must return a value that is stable while the slice is unchanged. */
export function useSlice<T extends object, S>(store: Store<T>, select: (state: T) => S): S {
  return useSyncExternalStore(store.subscribe, () => select(store.get()))
}
