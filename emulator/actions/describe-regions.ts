import type { ActionHandler } from './context.ts';

export const describeRegions: ActionHandler = ({ params, store }) => {
  const english = params.str('AcceptLanguage') === 'en-US';
  return {
    Regions: {
      Region: store.regions.map((r) => ({
        RegionId: r.RegionId,
        LocalName: english ? (r.LocalNameEn ?? r.LocalName) : r.LocalName,
        RegionEndpoint: r.RegionEndpoint,
      })),
    },
  };
};
