import { findBlockedEmailDomain, findBlockedIp, findBlockedTerms } from './blocklist.js';
import { countLinks } from './links.js';
import type { SpamChecker, SpamCheckInput, SpamCheckResult } from './spam-checker.js';

export interface RuleSpamCheckerOptions {
  blockedWords?: readonly string[];
  /** Addresses or CIDR ranges. */
  blockedIps?: readonly string[];
  /** A domain also covers its subdomains. */
  blockedEmailDomains?: readonly string[];
  /** A submission faster than this after the form was shown scores high. Default 3. */
  minSecondsToSubmit?: number;
}

interface Signal {
  score: number;
  reason: string;
}

type Rule = (input: SpamCheckInput, options: Required<RuleSpamCheckerOptions>) => Signal | null;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

// Scores are deliberately coarse: this checker is a first line, and the thresholds in the
// moderation settings, not these numbers, decide what happens to a comment.
const rules: readonly Rule[] = [
  (input, options) =>
    input.secondsToSubmit !== undefined && input.secondsToSubmit < options.minSecondsToSubmit
      ? { score: 0.9, reason: `Sent ${plural(Math.max(0, Math.round(input.secondsToSubmit)), 'second')} after the form was shown, faster than a person can write.` }
      : null,
  (input) => {
    const links = countLinks(input.content);
    return links >= 2 ? { score: Math.min(0.8, 0.15 * (links - 1)), reason: `Contains ${plural(links, 'link')}.` } : null;
  },
  (input) => (countLinks(input.authorName) > 0 ? { score: 0.6, reason: 'The name contains a web address.' } : null),
  (input, options) => {
    const words = findBlockedTerms(`${input.authorName}\n${input.content}`, options.blockedWords);
    return words.length > 0 ? { score: 0.9, reason: `Contains blocked words: ${words.join(', ')}.` } : null;
  },
  (input, options) =>
    findBlockedIp(input.ip, options.blockedIps) ? { score: 0.95, reason: 'Sent from a blocked IP address.' } : null,
  (input, options) => {
    const domain = findBlockedEmailDomain(input.authorEmail, options.blockedEmailDomains);
    return domain ? { score: 0.9, reason: `The email address is on a blocked domain (${domain}).` } : null;
  },
  (input) => {
    const upper = input.content.match(/\p{Lu}/gu)?.length ?? 0;
    const lower = input.content.match(/\p{Ll}/gu)?.length ?? 0;
    return upper + lower >= 20 && upper / (upper + lower) >= 0.7
      ? { score: 0.3, reason: 'Written mostly in capital letters.' }
      : null;
  },
  (input) => {
    const run = /(\S)\1{9,}/u.exec(input.content);
    return run ? { score: 0.2, reason: `Repeats the character "${run[1]}" ${run[0].length} times in a row.` } : null;
  },
];

/**
 * A checker made of fixed rules. A filled honeypot scores exactly 1 and stops there; otherwise
 * each matching rule adds a signal and the signals combine as independent evidence
 * (1 − Π(1 − sᵢ)), so two weak signals score higher than either and no sum passes 1. Never
 * rejects; an input that trips no rule scores 0 with no reasons.
 */
export function createRuleSpamChecker(options: RuleSpamCheckerOptions = {}): SpamChecker {
  const settings: Required<RuleSpamCheckerOptions> = {
    blockedWords: options.blockedWords ?? [],
    blockedIps: options.blockedIps ?? [],
    blockedEmailDomains: options.blockedEmailDomains ?? [],
    minSecondsToSubmit: options.minSecondsToSubmit ?? 3,
  };
  return {
    async check(input: SpamCheckInput): Promise<SpamCheckResult> {
      if (input.honeypotFilled) return { score: 1, reasons: ['The hidden form field was filled in, as bots do.'] };
      const signals = rules.map((rule) => rule(input, settings)).filter((s): s is Signal => s !== null);
      const notSpam = signals.reduce((p, s) => p * (1 - s.score), 1);
      return { score: Math.round((1 - notSpam) * 1000) / 1000, reasons: signals.map((s) => s.reason) };
    },
  };
}
