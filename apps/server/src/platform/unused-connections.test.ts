import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app';
import { listen } from '../../test/sse';

describe('closing the server', () => {
  it('does not wait for a connection that never sent a request, as fetch leaves after an event stream', async () => {
    const { app } = await buildTestApp({ withAreas: false });
    const { port } = new URL(await listen(app));
    const spare = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => spare.once('connect', resolve));
    const closedByServer = new Promise((resolve) => spare.once('close', resolve));
    // Without the fix this waits for Node's headersTimeout, a minute, past the test's timeout.
    await app.close();
    await closedByServer;
    expect(spare.destroyed).toBe(true);
  });
});
