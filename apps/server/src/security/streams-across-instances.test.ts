import { describe, expect, it } from 'vitest';
import { bearer, buildTestInstances, createUser, signIn } from '../../test/app';
import { askForStream, listen, openStream, openStreamWhenFree } from '../../test/sse';

/*
 * The stream limits and the end of a session's streams hold across instances behind a load
 * balancer (issue #18): the streams are counted in Redis, and a sign-out on one instance
 * ends the streams on another. The outbox polling is slowed to a minute, so that only
 * Redis can have told the other instance in time.
 */

const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl)('event streams across instances', async () => {
  const t = await buildTestInstances(2, {
    withAreas: false,
    env: { REDIS_URL: redisUrl ?? '', EVENT_POLL_INTERVAL_MS: '60000', SSE_HEARTBEAT: '1' },
  });
  const [urlA, urlB] = await Promise.all(t.instances.map(({ app }) => listen(app)));
  if (!urlA || !urlB) throw new Error('two instances');
  const admin = await createUser(t, 'admin');

  it('counts the streams of one session on every instance together', async () => {
    const person = await createUser(t, 'agent');
    const streams = [
      ...(await Promise.all([1, 2, 3].map(() => openStream(urlA, person.token)))),
      ...(await Promise.all([1, 2].map(() => openStream(urlB, person.token)))),
    ];
    for (const url of [urlA, urlB]) {
      const refused = await askForStream(url, person.token);
      expect(refused.status, url).toBe(429);
      expect(refused.problem?.code).toBe('rate_limited');
    }
    await streams[0]?.close();
    streams.push(await openStreamWhenFree(urlB, person.token));
    for (const stream of streams) await stream.close();
  });

  it('ends the streams on instance B when the session signs out through instance A', async () => {
    const person = await createUser(t, 'agent');
    const onB = await openStream(urlB, person.token);
    const logout = await fetch(`${urlA}/api/v1/auth/logout`, { method: 'POST', headers: bearer(person.token) });
    expect(logout.status).toBe(204);
    await onB.ended;
  });

  it('ends the streams on instance B when the user is deactivated through instance A', async () => {
    const person = await createUser(t, 'agent');
    const otherToken = await signIn(t.app, person.employeeNo, person.password);
    const onB = [await openStream(urlB, person.token), await openStream(urlB, otherToken)];
    const deactivate = await fetch(`${urlA}/api/v1/users/${person.id}`, {
      method: 'PATCH',
      headers: { ...bearer(admin.token), 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(deactivate.status).toBe(200);
    for (const stream of onB) await stream.ended;
  });
});
