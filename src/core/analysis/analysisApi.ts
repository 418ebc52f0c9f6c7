// The analysis as the hosts see it: every screen and command reads the case's one analysis snapshot
// (ApiContext.analysis(), computed by analyzeCase); only block impact and the register edits touch the case.
import { z } from 'zod';
import { AlibiError } from '../errors';
import { msg } from '../i18n/message';
import { IP_ROLES, INFRA_ROLES, type IpRole } from '../vocabulary';
import { defineApi, type ApiContext } from '../apiContract';
import { listNotes, type NoteRow } from '../notes/notes';
import { addInfra, listInfra, removeInfra } from '../enrich/infraRegister';
import { ipDataInfo } from '../enrich/ipIndex';
import { setIpRoleOverride } from './ipRoles';
import { DEFAULT_THRESHOLDS } from '../vocabulary';
import type { BlockImpact, IpProfile, Thresholds } from './types';

export interface IpDetail {
  profile: IpProfile;
  impact: BlockImpact;
  notes: NoteRow[];
}

const ip = z.string().min(2).max(64);
const none = z.object({}).strict();
/** Threshold overrides (`alibi analyze --threshold name=value`); the snapshot is keyed by them too. */
const thresholdArgs = z
  .object({ thresholds: z.record(z.string().max(100), z.number().finite().min(0)).optional() })
  .strict();

/** An unknown name is the user's typo, not a bug of the caller: say which names exist. */
function knownThresholds(given: Record<string, number> | undefined): Partial<Thresholds> | undefined {
  const names = Object.keys(DEFAULT_THRESHOLDS);
  for (const name of Object.keys(given ?? {})) {
    if (!names.includes(name)) throw AlibiError.of(msg('error.unknownThreshold', { name }), msg('error.unknownThreshold.hint', { names: names.join(', ') }), 2);
  }
  return given as Partial<Thresholds> | undefined;
}

function ipDetail(ctx: ApiContext, addr: string): IpDetail {
  const profile = ctx.analysis().ips.find((p) => p.ip === addr.trim());
  if (!profile) {
    throw new AlibiError(`IP ${addr} does not appear in this case`, { cli: 'see the addresses with `alibi ips <case>`', app: 'pick an IP from the IP list' }, 1, 'not-found');
  }
  const db = ctx.db();
  return { profile, impact: ctx.blockImpact(addr), notes: listNotes(db, 'ip', addr.trim()) };
}

export const analysisApi = defineApi(
  {
    analyze: thresholdArgs,
    analysisSnapshot: none,
    ipList: none,
    ipDetail: z.object({ ip }).strict(),
    blockImpact: z.object({ ip }).strict(),
    ipSetRole: z.object({ ip, role: z.enum(IP_ROLES).nullable(), reason: z.string().min(3).max(4000) }).strict(),
    findingsList: thresholdArgs,
    timeChecks: none,
    breachExposure: none,
    ipDataInfo: none,
    infraList: none,
    infraAdd: z.object({ cidr: z.string().min(1).max(64), role: z.enum(INFRA_ROLES), label: z.string().min(1).max(200) }).strict(),
    infraRemove: z.object({ id: z.number().int().positive() }).strict(),
  },
  (ctx: ApiContext) => ({
    analyze: ({ thresholds }: { thresholds?: Record<string, number> }) => ctx.analysis({ thresholds: knownThresholds(thresholds) }),
    analysisSnapshot: () => ctx.snapshotState(),
    ipList: () => ctx.analysis().ips,
    ipDetail: ({ ip }: { ip: string }) => ipDetail(ctx, ip),
    blockImpact: ({ ip }: { ip: string }) => ctx.blockImpact(ip),
    /** role null clears the analyst's override. */
    ipSetRole: ({ ip, role, reason }: { ip: string; role: IpRole | null; reason: string }) => {
      setIpRoleOverride(ctx.writableDb(), ip, role, reason);
      ctx.changed('overrides');
      return ipDetail(ctx, ip);
    },
    findingsList: ({ thresholds }: { thresholds?: Record<string, number> }) => ctx.analysis({ thresholds: knownThresholds(thresholds) }).findings,
    breachExposure: () => ctx.analysis().breach,
    /** Clock checks between the case's sources (shown beside the findings they affect). */
    timeChecks: () => ctx.analysis().timeChecks,
    ipDataInfo: () => ipDataInfo(),
    infraList: () => listInfra(ctx.db()),
    infraAdd: ({ cidr, role, label }: { cidr: string; role: (typeof INFRA_ROLES)[number]; label: string }) => {
      const entry = addInfra(ctx.writableDb(), cidr, role, label);
      ctx.changed('register');
      return entry;
    },
    infraRemove: ({ id }: { id: number }) => {
      removeInfra(ctx.writableDb(), id);
      ctx.changed('register');
      return { removed: id };
    },
  }),
);
