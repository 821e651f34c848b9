// The language client keeps one handler per notification method: a second
// client.onNotification(method, …) silently replaces the first. Every view that follows a server
// notification (status bar, Entities view, review mode, article queue) subscribes here instead,
// and one handler per method fans the notification out to all of them.

/** What this needs of a LanguageClient (tests pass a fake with the same replace-on-register rule). */
export interface NotificationSource {
  onNotification(method: string, handler: (params: unknown) => void): { dispose(): void };
}

const listeners = new WeakMap<NotificationSource, Map<string, Set<(params: unknown) => void>>>();

/** Calls `listener` with every `method` notification of `client` until the result is disposed. */
export function onServerNotification(client: NotificationSource, method: string, listener: (params: unknown) => void): { dispose(): void } {
  let byMethod = listeners.get(client);
  if (!byMethod) listeners.set(client, (byMethod = new Map()));
  let set = byMethod.get(method);
  if (!set) {
    const fresh = new Set<(params: unknown) => void>();
    byMethod.set(method, (set = fresh));
    client.onNotification(method, (params) => {
      // A listener that throws must not keep the notification from the others.
      for (const l of [...fresh]) {
        try {
          l(params);
        } catch {
          // the listener's own business
        }
      }
    });
  }
  set.add(listener);
  const mine = set;
  return { dispose: () => void mine.delete(listener) };
}
