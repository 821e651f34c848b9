// Several client views follow one server notification; the language client keeps only the last
// handler registered for a method, so they share one through onServerNotification.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { onServerNotification, type NotificationSource } from '../../client/src/serverNotifications';

/** Like vscode-languageclient: one handler per method, the last registration wins. */
function fakeClient(): NotificationSource & { send(method: string, params: unknown): void; registrations: number } {
  const handlers = new Map<string, (p: unknown) => void>();
  return {
    registrations: 0,
    onNotification(method, handler) {
      this.registrations++;
      handlers.set(method, handler);
      return { dispose: () => handlers.delete(method) };
    },
    send(method, params) {
      handlers.get(method)?.(params);
    },
  };
}

test('every subscriber of a method hears each notification, with one registration on the client', () => {
  const client = fakeClient();
  const heard: string[] = [];
  onServerNotification(client, 'x/changed', (p) => heard.push(`status ${JSON.stringify(p)}`));
  const view = onServerNotification(client, 'x/changed', () => heard.push('view'));
  onServerNotification(client, 'x/other', () => heard.push('other'));
  onServerNotification(client, 'x/changed', () => {
    throw new Error('a broken listener');
  });
  onServerNotification(client, 'x/changed', () => heard.push('queue'));
  client.send('x/changed', { uri: 'a' });
  assert.deepEqual(heard, ['status {"uri":"a"}', 'view', 'queue']);
  assert.equal(client.registrations, 2);
  view.dispose();
  heard.length = 0;
  client.send('x/changed', {});
  assert.deepEqual(heard, ['status {}', 'queue']);
});

test('why: a JSON-RPC connection keeps only the last handler registered for a method', async () => {
  // The language client registers its handlers on such a connection, one per method.
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const heard: string[] = [];
  client.onNotification('x/changed', () => void heard.push('status'));
  client.onNotification('x/changed', () => void heard.push('view'));
  client.listen();
  server.listen();
  await server.sendNotification('x/changed', {});
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(heard, ['view']);
  client.dispose();
  server.dispose();
});
