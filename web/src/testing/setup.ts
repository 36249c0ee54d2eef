/** Vitest setup: jest-dom matchers, DOM APIs that jsdom lacks and Mantine needs, cleanup. */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { setCsrfToken } from '@/api/client';

// Lazy route chunks load through Vite's transform; on a busy 2-core machine that can take more
// than the default 1 s of findBy*/waitFor. Waiting longer only slows down failing tests.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  setCsrfToken(undefined);
  window.localStorage.clear();
});

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}

Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// CodeMirror measures text through ranges when a test types into an editor.
if (typeof Range !== 'undefined') {
  Range.prototype.getClientRects ??= function getClientRects() {
    return [] as unknown as DOMRectList;
  };
  Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
    return new DOMRect(0, 0, 0, 0);
  };
}

// Uploads: fetch's Request (undici) reads the files of a FormData body through Blob.stream(),
// which jsdom's Blob lacks (without it, reading such a request body never ends).
if (typeof Blob !== 'undefined' && !('stream' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'stream', {
    configurable: true,
    writable: true,
    value: function stream(this: Blob): ReadableStream<Uint8Array> {
      const blob = this;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          const reader = new FileReader();
          reader.onload = () => {
            controller.enqueue(new Uint8Array(reader.result as ArrayBuffer));
            controller.close();
          };
          reader.onerror = () => controller.error(reader.error);
          reader.readAsArrayBuffer(blob);
        },
      });
    },
  });
}
