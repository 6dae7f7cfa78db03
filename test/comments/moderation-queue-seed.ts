import type { CommentStatus } from '../../src/comments/index.js';
import type { TestApp } from '../helpers/build-test-app.js';
import { testActor } from '../helpers/factories.js';

let counter = 0;

export interface SeedComment {
  articleId: number;
  /** When it arrived (and was moderated); default the app's now. */
  at?: Date;
  status?: CommentStatus;
  authorName?: string;
  authorEmail?: string;
  ip?: string;
  content?: string;
}

// Spam reads like spam, so the classifier (and anyone looking at a screenshot) tells them apart.
function defaultContent(status: CommentStatus): string {
  return status === 'spam' ? `Cheap replica watches, casino bonus, buy now and win ${counter}!` : `Thanks for the report about the harbour, part ${counter}.`;
}

/**
 * A guest comment posted through the service (form token, pipeline and all) at a given time,
 * then moderated into the wanted status. Each gets its own email, address and
 * text unless told, so rate limits, duplicate checks and "known commenter" never interfere.
 */
export async function seedComment(t: TestApp, options: SeedComment): Promise<number> {
  counter++;
  const resume = t.clock.now();
  const at = options.at ?? resume;
  t.clock.set(new Date(at.getTime() - 10_000));
  const token = t.ctx.comments.formToken(options.articleId);
  t.clock.set(at);
  try {
    const outcome = await t.ctx.comments.submit({
      article: { id: options.articleId },
      fields: {
        content: options.content ?? defaultContent(options.status ?? 'pending'),
        authorName: options.authorName ?? `Reader ${counter}`,
        authorEmail: options.authorEmail ?? `reader${counter}@example.com`,
      },
      commenter: { kind: 'guest' },
      client: { ip: options.ip ?? `203.0.113.${counter % 250}`, userAgent: 'test' },
      form: { token, honeypot: '' },
    });
    if (outcome.kind !== 'stored') throw new Error(`seeding a comment failed: ${JSON.stringify(outcome.kind === 'invalid' ? outcome.errors : outcome)}`);
    const wanted = options.status ?? 'pending';
    if (outcome.status === wanted) return outcome.id;
    if (wanted === 'spam') {
      // Marking spam through the service would teach the classifier, and a classifier taught
      // only spam soon files the ordinary comments of later seeds as spam too.
      await t.ctx.db.updateTable('comment').set({ status: 'spam', previous_status: outcome.status, moderated_at: at.toISOString() }).where('id', '=', outcome.id).execute();
    } else {
      const action = { approved: 'approve', trash: 'trash', pending: 'unapprove' } as const;
      await t.ctx.comments.moderate(testActor, outcome.id, action[wanted]);
    }
    return outcome.id;
  } finally {
    t.clock.set(resume);
  }
}
