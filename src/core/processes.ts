/**
 * Whether a process of this machine is still running: a hidden file or folder named for its
 * process (an export's or a backup's work in progress) is left alone while it is. This process
 * counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it is somebody else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
