import { beforeEach, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn();
vi.mock('wxt/browser', () => ({ browser: { runtime: { sendMessage } } }));
const { toBackground } = await import('../../entrypoints/x.content/to-background');

describe('what the content script says to the background', () => {
  // Braces: a function returned from beforeEach is run after the test, and the mock is one.
  beforeEach(() => {
    sendMessage.mockReset();
  });

  it('hands back the answer', async () => {
    sendMessage.mockResolvedValue({ rings: [], presence: true });
    await expect(toBackground({ type: 'page.start' })).resolves.toEqual({ rings: [], presence: true });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'page.start' });
  });

  it('is null, and throws nothing, when the extension was updated under the page (Chromium throws at the call)', async () => {
    sendMessage.mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(toBackground({ type: 'presence.watch', handles: ['bob'] })).resolves.toBeNull();
  });

  it('is null when the background cannot be reached', async () => {
    sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    await expect(toBackground({ type: 'page.start' })).resolves.toBeNull();
  });
});
