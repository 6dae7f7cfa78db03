/**
 * A model ↔ a compact Buffer for a database row or a file. Only slots ever touched are stored:
 * delta-encoded varint indices, float32 weights (bit-exact, so a round trip scores
 * identically) and AdaGrad sums cut to bfloat16 (they only set future step sizes, where
 * 0.4 % does not matter), the whole deflated. Same model → byte-identical buffer. Floats are
 * written in the platform's byte order, little-endian on every platform Node ships for.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { InvalidError } from '../shared/errors.js';
import { FEATURE_GROUPS, type FeatureGroup } from './features.js';
import { createModel, type SpamModel } from './model.js';

const MAGIC = 'BSPM';
/**
 * The format and feature version. Bumped whenever the features or the learning rule change
 * meaning, so a stored model is never scored with features it was not trained on. Version 2:
 * `opening` group, bigrams at 0.7, `minWeight`. Version 3: Cyrillic and Greek lookalikes in
 * Latin words map to Latin in skeletons; the bias learns at 0.3 of the weights' rate.
 * Version 4: the "asks for likes" feature and its prior; openings of later sentences; links
 * to the comment's own site (from its permalink) are not counted as links;
 * contractions, numbers with units ("1980s", "10km") and dotted abbreviations keep their
 * spelling and are not obfuscation.
 */
export const MODEL_FORMAT_VERSION = 4;

interface Header {
  bits: number;
  groups: FeatureGroup[];
  learning: SpamModel['learning'];
  bias: number;
  biasSquares: number;
  calibration: SpamModel['calibration'];
  threshold: number;
  examples: number;
  slots: number;
}

export function serializeModel(model: SpamModel): Buffer {
  const used: number[] = [];
  for (let i = 0; i < model.weights.length; i++) {
    if (model.weights[i] !== 0 || model.squares[i] !== 0) used.push(i);
  }
  const header: Header = {
    bits: model.features.bits,
    groups: [...model.features.groups],
    learning: model.learning,
    bias: model.bias,
    biasSquares: model.biasSquares,
    calibration: model.calibration,
    threshold: model.threshold,
    examples: model.examples,
    slots: used.length,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const varints: number[] = [];
  let previous = 0;
  for (const index of used) {
    let delta = index - previous;
    previous = index;
    while (delta >= 0x80) {
      varints.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    varints.push(delta);
  }
  const floats = new Float32Array(used.length);
  const squares = new Uint16Array(used.length);
  const squareBits = new Uint32Array(model.squares.buffer, model.squares.byteOffset, model.squares.length);
  used.forEach((index, k) => {
    floats[k] = model.weights[index];
    squares[k] = squareBits[index] >>> 16;
  });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const body = Buffer.concat([length, json, Buffer.from(varints), Buffer.from(floats.buffer), Buffer.from(squares.buffer)]);
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), Buffer.from([MODEL_FORMAT_VERSION]), deflateRawSync(body, { level: 9 })]);
}

/**
 * Reads a buffer written by `serializeModel`; throws `InvalidError` on anything else, with
 * code `SPAM_MODEL_OUTDATED` for a model of an older version (retrain it: its weights belong
 * to features this version no longer extracts).
 */
export function deserializeModel(buffer: Uint8Array): SpamModel {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (buf.length < 5 || buf.toString('ascii', 0, 4) !== MAGIC || buf[4] > MODEL_FORMAT_VERSION || buf[4] === 0) {
    throw invalid('not a Broadsheet spam model (bad magic or version)');
  }
  if (buf[4] < MODEL_FORMAT_VERSION) {
    throw new InvalidError('SPAM_MODEL_OUTDATED', `the spam model has format version ${buf[4]}, this version reads ${MODEL_FORMAT_VERSION}; retrain it`, {
      details: { version: buf[4] },
    });
  }
  let body: Buffer;
  let header: Header;
  try {
    body = inflateRawSync(buf.subarray(5));
    const jsonLength = body.readUInt32LE(0);
    header = JSON.parse(body.toString('utf8', 4, 4 + jsonLength)) as Header;
    body = body.subarray(4 + jsonLength);
  } catch (cause) {
    throw invalid('corrupt spam model', cause);
  }
  if (!header.groups?.every((g) => (FEATURE_GROUPS as readonly string[]).includes(g))) {
    throw invalid('spam model names unknown feature groups');
  }
  if (typeof header.learning?.minWeight !== 'number') throw invalid('spam model lacks its learning options');
  const model = createModel({ bits: header.bits, groups: header.groups }, header.learning);
  model.weights.fill(0);
  const indices: number[] = [];
  let offset = 0;
  let previous = 0;
  for (let k = 0; k < header.slots; k++) {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      if (offset >= body.length) throw invalid('truncated spam model');
      byte = body[offset++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    previous += value;
    if (previous >= model.weights.length) throw invalid('spam model slot out of range');
    indices.push(previous);
  }
  if (body.length - offset !== header.slots * 6) throw invalid('truncated spam model');
  const floats = new Float32Array(header.slots);
  new Uint8Array(floats.buffer).set(body.subarray(offset, offset + header.slots * 4));
  const squares = new Uint16Array(header.slots);
  new Uint8Array(squares.buffer).set(body.subarray(offset + header.slots * 4));
  const squareBits = new Uint32Array(model.squares.buffer);
  indices.forEach((index, k) => {
    model.weights[index] = floats[k];
    squareBits[index] = squares[k] << 16;
  });
  model.bias = header.bias;
  model.biasSquares = header.biasSquares;
  model.calibration = { ...header.calibration };
  model.threshold = header.threshold;
  model.examples = header.examples;
  return model;
}

function invalid(message: string, cause?: unknown): InvalidError {
  return new InvalidError('SPAM_MODEL_INVALID', message, { cause });
}
