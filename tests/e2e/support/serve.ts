/**
 * `npx tsx tests/e2e/support/serve.ts [--data-dir DIR] [--port P]`: a desk and its loopback host with the built
 * renderer, for trying the UI by hand and for the benchmark. Prints the launch link; Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { startDeskHost } from './desk-host';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
const running = await startDeskHost({
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  ...(values.port ? { port: Number(values.port) } : {}),
});
console.log(running.launchUrl);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
