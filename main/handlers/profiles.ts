// Handlers of the contract's profiles domain (core/contract/profiles.ts).
import type { profileMethods } from '../../core/contract.ts';
import type { HandlerKit, HandlersFor } from './kit.ts';

export function profileHandlers({ need }: HandlerKit): HandlersFor<typeof profileMethods> {
  return {
    listProfiles: () => need('profiles', 'listProfiles').state(),
    createProfile: (args) => need('profiles', 'createProfile').create(args),
    updateProfile: (args) => need('profiles', 'updateProfile').update(args),
    deleteProfile: (args) => need('profiles', 'deleteProfile').remove(args.profileId),
    switchProfile: (args) => need('profiles', 'switchProfile').switchTo(args.profileId),
    importProfiles: (args) => {
      const importer = need('profileImport', 'importProfiles');
      return args.source === 'aliyun-cli' ? importer.fromAliyunCli() : importer.fromEnvironment();
    },
  };
}
