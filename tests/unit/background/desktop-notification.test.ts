import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { showDesktopNotification } from '@/entrypoints/background/desktop-notification';
import { resetBrowser } from './fakes';

const shown = async () => (await browser.notifications.getAll()) as unknown as Record<string, { title: string; buttons?: unknown }>;

describe('the desktop notification of a ring', () => {
  beforeEach(() => {
    resetBrowser();
    vi.restoreAllMocks();
  });

  it('has Accept and Decline where the browser takes buttons (Chromium)', async () => {
    await showDesktopNotification('ring:1', { title: 'Ringside', message: '@alice is calling', buttons: ['Accept', 'Decline'] });
    expect((await shown())['ring:1']).toMatchObject({ title: 'Ringside', buttons: [{ title: 'Accept' }, { title: 'Decline' }] });
  });

  it('still shows, without buttons, where the browser refuses them (Firefox, Safari)', async () => {
    const create = browser.notifications.create.bind(browser.notifications);
    vi.spyOn(browser.notifications, 'create').mockImplementation(((id: string, options: { buttons?: unknown }) => {
      if (options.buttons) return Promise.reject(new Error('Type error for parameter options: Unexpected property "buttons"'));
      return create(id, options as never);
    }) as never);
    await showDesktopNotification('ring:2', { title: 'Ringside', message: '@alice is calling', buttons: ['Accept', 'Decline'] });
    expect((await shown())['ring:2']).toMatchObject({ title: 'Ringside' });
    expect((await shown())['ring:2']!.buttons).toBeUndefined();
  });

  it('never throws when notifications are off altogether', async () => {
    vi.spyOn(browser.notifications, 'create').mockRejectedValue(new Error('notifications are disabled'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(showDesktopNotification('ring:3', { title: 'Ringside', message: 'm' })).resolves.toBeUndefined();
  });
});
