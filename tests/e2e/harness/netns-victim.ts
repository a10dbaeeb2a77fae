import { launchPerson } from './chromium';
import { linkedNamespaces } from './netns';

/**
 * A test run as tests/e2e/netns-kill.test.ts kills it: two linked namespaces with a Chromium inside one, as
 * the reconnection test makes them. It prints what it made on one line, then waits to be killed.
 * Usage: tsx netns-victim.ts <server port> <extension dir>
 */
const [port, extensionDir] = process.argv.slice(2) as [string, string];
const network = await linkedNamespaces(Number(port));
const person = await launchPerson('victim', extensionDir, undefined, { netns: network.alice });
const browserPid = person.browser.process()?.pid;
console.log(JSON.stringify({ ids: network.ids, holders: [network.alice, network.bob], browserPid }));
setInterval(() => {}, 60_000);
