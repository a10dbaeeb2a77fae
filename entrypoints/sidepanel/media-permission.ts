import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { PERMISSION_CHANNEL, PermissionResult, type Allowed } from '@/lib/call/permission-result';

/** How long the person has to answer in the permission tab before the call gives up. */
const ANSWER_WITHIN_MS = 60_000;

/**
 * The browser cannot show its camera/microphone prompt in a side panel or popup window, so a normal tab
 * (the extension's permission page) asks once; the call goes on when the answer includes the microphone,
 * with what was allowed.
 */
export async function askMediaPermission(): Promise<Allowed> {
  const channel = new BroadcastChannel(PERMISSION_CHANNEL);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = new Promise<Allowed>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in the permission tab')), ANSWER_WITHIN_MS);
      channel.onmessage = (event) => {
        const result = v.safeParse(PermissionResult, event.data);
        if (!result.success) return;
        if (result.output === 'denied') reject(new Error('camera and microphone refused'));
        else resolve(result.output);
      };
    });
    await browser.tabs.create({ url: browser.runtime.getURL('/permission.html'), active: true });
    return await answer;
  } finally {
    clearTimeout(timer);
    channel.close();
  }
}
