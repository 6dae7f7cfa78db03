/**
 * The site's spam filter over the database: one model shared by every process, the labelled
 * examples it came from, online learning and retraining.
 *
 * Guarantees:
 * - `classify` uses the stored model, or the shipped default until the site has one, so a new
 *   site is protected from its first comment. Each process checks the stored version at most
 *   every `reloadIntervalMs` (default 3 s) and reloads when another process wrote a new one.
 * - `learn` stores the example before it resolves (durable, counted by every later retrain)
 *   and applies it to this process's model at once. Writing the model (~0.5–2 MB) is batched:
 *   at most one write per `persistDelayMs` (default 2 s) whatever the rate of decisions, and
 *   always on `flush()`/`close()`. A crash inside that window loses those online steps from
 *   the stored model, never the examples. Writes are optimistic (version check): when another
 *   process wrote first, its model is loaded and this process's unsaved steps are replayed on
 *   it, so neither side's learning is lost.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { InvalidError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { createClassifier, type SpamClassifier, type SpamVerdict, type Thresholds, verdictFor } from './classifier.js';
import { loadDataset } from './datasets.js';
import { loadDefaultModel } from './default-model.js';
import { exampleKey, forStorage } from './example-privacy.js';
import type { SpamInput } from './features.js';
import type { SpamLabel, SpamModel } from './model.js';
import { deserializeModel, serializeModel } from './serialize.js';
import { createSpamRepository, type ExampleSource } from './spam-repository.js';
import { type LabelledExample, type TrainOptions, trainModel } from './train.js';

export interface SpamClassification {
  /** Calibrated probability of spam, 0…1. */
  score: number;
  reasons: string[];
  /** The model's own threshold (chosen on its training data): what an Akismet client is told. */
  threshold: number;
  isSpam: boolean;
  /** So sure that the comment need not be kept (Akismet's `discard`). */
  isBlatant: boolean;
}

export interface TrainSummary {
  examples: number;
  spam: number;
  ham: number;
  threshold: number;
  version: number;
  milliseconds: number;
}

export type TrainProgress =
  | { phase: 'read'; file: string; examples: number }
  | { phase: 'store'; examples: number }
  | { phase: 'train'; examples: number };

export interface SpamService {
  classify(input: SpamInput): Promise<SpamClassification>;
  /** Score → verdict with the caller's thresholds (the comments moderation settings). */
  verdict(score: number, thresholds: Thresholds): SpamVerdict;
  /** Stores a labelled example (what it keeps: example-privacy.ts) and learns it online (see the guarantees above). */
  learn(input: SpamInput, label: SpamLabel, source: ExampleSource): Promise<void>;
  /** Writes unsaved online learning now. */
  flush(): Promise<void>;
  /** Trains a new model from scratch on every stored example. Refuses without both labels. */
  retrainFromExamples(): Promise<TrainSummary>;
  /** Stores the files' examples (source `import`) and retrains; a bad file stores nothing. */
  trainFromFiles(paths: readonly string[], onProgress?: (p: TrainProgress) => void): Promise<TrainSummary>;
  modelInfo(): Promise<{ origin: 'default' | 'site'; version: number; examples: number; threshold: number }>;
  close(): Promise<void>;
}

export interface SpamServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  log: Logger;
  /** The site's signing secret: examples are filed under a keyed hash of their author's address (see example-privacy.ts). */
  secret: string;
  loadDefault?: () => Promise<SpamModel>;
  reloadIntervalMs?: number;
  persistDelayMs?: number;
  train?: Partial<TrainOptions>;
}

/** A score at or above this is blatant spam (`X-akismet-pro-tip: discard`). */
export const BLATANT_SCORE = 0.99;
const INSERT_CHUNK = 500;
const WRITE_ATTEMPTS = 5;

interface State {
  classifier: SpamClassifier;
  /** Stored version this model derives from; 0 = the shipped default. */
  version: number;
}

export function createSpamService(deps: SpamServiceDeps): SpamService {
  const { db, clock, log } = deps;
  const repo = createSpamRepository(db);
  const loadDefault = deps.loadDefault ?? loadDefaultModel;
  const reloadIntervalMs = deps.reloadIntervalMs ?? 3000;
  const persistDelayMs = deps.persistDelayMs ?? 2000;

  let state: State | undefined;
  let loading: Promise<State> | undefined;
  let lastCheckAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;
  /** Examples learned online but not yet in the stored model, oldest first. */
  let pending: LabelledExample[] = [];
  let timer: NodeJS.Timeout | undefined;
  let exclusive: Promise<unknown> = Promise.resolve();

  /** Runs writers one at a time in this process (flush, retrain). */
  function serially<T>(task: () => Promise<T>): Promise<T> {
    const run = exclusive.then(task, task);
    exclusive = run.catch(() => undefined);
    return run;
  }

  /**
   * Adopts a stored model (or the default) with this process's unsaved steps replayed on it.
   * Replaying and swapping happen with no await between, so no concurrent step is lost.
   * A stored model of an older format gives way to the default, on top of the stored version,
   * and a retrain on the stored examples is queued after the swap (not awaited: a caller
   * inside `serially` would deadlock), so the retrained model is the one that stays. Without
   * examples of both labels the retrain fails and the next online step's write replaces it.
   */
  async function adopt(stored: Awaited<ReturnType<typeof repo.readModel>>): Promise<State> {
    const model = stored ? currentFormat(stored.model) : undefined;
    const classifier = createClassifier(model ?? (await loadDefault()));
    for (const e of pending) classifier.learn(e.input, e.label);
    state = { classifier, version: stored?.version ?? 0 };
    if (stored && !model) {
      log.warn({ module: 'spam', version: stored.version }, 'stored spam model has an older format; scoring with the default model while it is retrained');
      retrain().catch((error) => log.warn({ err: error, module: 'spam' }, 'retraining the outdated spam model failed; the default model scores until the next write'));
    }
    return state;
  }

  async function loaded(): Promise<State> {
    if (state) return state;
    loading ??= (async () => {
      lastCheckAt = clock.now().getTime();
      const stored = await repo.readModel();
      return state ?? adopt(stored);
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  /** The model to use now, after a version check when the last one is old enough. */
  async function current(): Promise<State> {
    const s = await loaded();
    const now = clock.now().getTime();
    if (now - lastCheckAt < reloadIntervalMs) return s;
    lastCheckAt = now;
    checking ??= serially(reloadIfChanged)
      .catch((error) => log.warn({ err: error, module: 'spam' }, 'spam model version check failed; keeping the loaded model'))
      .finally(() => {
        checking = undefined;
      });
    await checking;
    return state ?? s;
  }

  // Runs inside `serially`, so this process's own writes never race with it.
  async function reloadIfChanged(): Promise<void> {
    const version = (await repo.modelVersion()) ?? 0;
    if (state && version === state.version) return;
    await adopt(await repo.readModel());
    log.info({ module: 'spam', version: state?.version }, 'spam model reloaded');
  }

  function scheduleFlush(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      flush().catch((error) => log.error({ err: error, module: 'spam' }, 'saving the spam model failed; will retry on the next decision'));
    }, persistDelayMs);
    timer.unref();
  }

  function flush(): Promise<void> {
    return serially(async () => {
      for (let attempt = 0; attempt < WRITE_ATTEMPTS && pending.length > 0; attempt++) {
        await loaded();
        const storedVersion = (await repo.modelVersion()) ?? 0;
        const s = state as State;
        if (storedVersion !== s.version) {
          await adopt(await repo.readModel());
          continue;
        }
        const included = pending.length;
        const buffer = serializeModel(s.classifier.model);
        if (await repo.writeModel(s.version, buffer, s.classifier.model.examples, clock.now().toISOString())) {
          s.version += 1;
          // Steps learned while writing stay pending for the next write.
          pending = pending.slice(included);
          if (pending.length > 0) scheduleFlush();
          return;
        }
      }
      if (pending.length > 0) throw new Error(`spam model write kept conflicting (${pending.length} steps unsaved)`);
    });
  }

  async function storeModel(model: SpamModel): Promise<number> {
    const buffer = serializeModel(model);
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const version = (await repo.modelVersion()) ?? 0;
      if (await repo.writeModel(version, buffer, model.examples, clock.now().toISOString())) return version + 1;
    }
    throw new Error('spam model write kept conflicting');
  }

  function retrain(): Promise<TrainSummary> {
    return serially(async () => {
      const started = performance.now();
      const alreadyStored = pending.length;
      const stored = await repo.listExamples();
      const spam = stored.filter((e) => e.label === 'spam').length;
      const ham = stored.length - spam;
      if (spam === 0 || ham === 0) {
        throw new InvalidError(
          'SPAM_TOO_FEW_EXAMPLES',
          `retraining needs stored examples of both spam and ham (have ${spam} spam, ${ham} ham); import some with "broadsheet spam train FILE"`,
        );
      }
      const model = trainModel(
        stored.map((e) => ({ input: e.input, label: e.label })),
        deps.train,
      );
      const version = await storeModel(model);
      // The unsaved online steps from before the listing are examples the new model trained on;
      // later ones are replayed on it.
      pending = pending.slice(alreadyStored);
      const classifier = createClassifier(model);
      for (const e of pending) classifier.learn(e.input, e.label);
      state = { classifier, version };
      if (pending.length > 0) scheduleFlush();
      lastCheckAt = clock.now().getTime();
      return { examples: stored.length, spam, ham, threshold: model.threshold, version, milliseconds: Math.round(performance.now() - started) };
    });
  }

  return {
    async classify(input) {
      const { classifier } = await current();
      const { score, reasons } = classifier.classify(input);
      const threshold = classifier.model.threshold;
      return { score, reasons, threshold, isSpam: score >= threshold, isBlatant: score >= Math.max(BLATANT_SCORE, threshold) };
    },

    verdict: (score, thresholds) => verdictFor(score, thresholds),

    async learn(input, label, source) {
      await repo.insertExamples([{ source, label, input: forStorage(input), authorKey: exampleKey(deps.secret, input.authorEmail) }], clock.now().toISOString());
      await loaded();
      // `state` read after the await: a reload may have swapped it meanwhile.
      (state as State).classifier.learn(input, label);
      pending.push({ input, label });
      scheduleFlush();
    },

    flush,

    retrainFromExamples: retrain,

    async trainFromFiles(paths, onProgress) {
      if (paths.length === 0) throw new InvalidError('SPAM_NO_FILES', 'name at least one labelled file (YouTube CSV or SMS TSV)');
      const examples: LabelledExample[] = [];
      for (const file of paths) {
        const loaded = await loadDataset(file);
        onProgress?.({ phase: 'read', file, examples: loaded.length });
        examples.push(...loaded);
      }
      onProgress?.({ phase: 'store', examples: examples.length });
      const createdAt = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const inTrx = createSpamRepository(trx);
        for (let i = 0; i < examples.length; i += INSERT_CHUNK) {
          await inTrx.insertExamples(
            examples.slice(i, i + INSERT_CHUNK).map((e) => ({ source: 'import' as const, label: e.label, input: e.input })),
            createdAt,
          );
        }
      });
      const counts = await repo.countExamples();
      onProgress?.({ phase: 'train', examples: counts.spam + counts.ham });
      return retrain();
    },

    async modelInfo() {
      const s = await current();
      return { origin: s.version === 0 ? 'default' : 'site', version: s.version, examples: s.classifier.model.examples, threshold: s.classifier.model.threshold };
    },

    async close() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      await flush();
    },
  };
}

/** A stored model, or undefined when it has an older format (see `deserializeModel`). */
function currentFormat(buffer: Buffer): SpamModel | undefined {
  try {
    return deserializeModel(buffer);
  } catch (error) {
    if (error instanceof InvalidError && error.code === 'SPAM_MODEL_OUTDATED') return undefined;
    throw error;
  }
}
