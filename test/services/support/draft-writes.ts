// A store factory for composeApp that calls `beforeWrite` ahead of every write of the drafts file, to count the
// writes or to make one fail as a full disk would.
import { openConf, type ConfFactory } from '../../../main/services/store.ts';

export function interceptDraftWrites(beforeWrite: () => void): ConfFactory {
  return (options) => {
    const conf = openConf(options);
    if (options.name !== 'drafts') return conf;
    const store = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(conf), 'store')!;
    Object.defineProperty(conf, 'store', {
      get: () => store.get!.call(conf),
      set: (value) => {
        beforeWrite();
        store.set!.call(conf, value);
      },
    });
    return conf;
  };
}
