// Handlers of the contract's hand-off domain (core/contract/bundles.ts).
import type { bundleMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function bundleHandlers({ need }: HandlerKit): HandlersFor<typeof bundleMethods> {
  return {
    getBundleKey: async () => ({ recipient: await need('bundles', 'getBundleKey').ownRecipient() }),
    createBundleKey: async () => ({ recipient: await need('bundles', 'createBundleKey').createOwnKey() }),
    exportBundle: (args) => need('bundles', 'exportBundle').exportBundle(args),
    previewBundle: (args) => need('bundles', 'previewBundle').preview(args),
    importBundle: (args) => need('bundles', 'importBundle').importBundle(args),
    exportChangeSheet: (args) => need('changeSheet', 'exportChangeSheet').exportChangeSheet(args),
  };
}
