/** The element every call-button placement lives in; its shadow root holds the buttons. */
export const HOST_TAG = 'ringside-call-buttons';
