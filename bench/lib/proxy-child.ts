/**
 * The bench's byte counter (the link proxy of tests/support/link-proxy.ts, unthrottled) in a process of its own:
 * on the desk's thread it cost the pull about 2 s of CPU at 52,772 dossiers, which no desk pays (its network is
 * not in its process). Prints its port once it listens, then its counters for every line it reads on stdin.
 * Usage: proxy-child.ts TARGET_PORT [keep-alive]
 */
import { LinkProxy } from '../../tests/support/link-proxy';
import { announceChild } from './server-process';

const [targetPort, keepAlive] = process.argv.slice(2);
if (!targetPort) throw new Error('usage: proxy-child.ts TARGET_PORT [keep-alive]');
const proxy = await LinkProxy.start({
  target: { host: '127.0.0.1', port: Number(targetPort) },
  oneRequestPerConnection: keepAlive !== 'keep-alive',
});
process.stdin.on('data', () => process.stdout.write(`${JSON.stringify(proxy.counters)}\n`));
announceChild(proxy.port, () => proxy.close());
