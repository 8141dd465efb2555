/**
 * @module The fact guard: the source brief's known-wrong claims (the "Seed claims that are wrong or outdated" of
 * shared/reference/aws-facts.md) as patterns, and a scanner that finds sentences STATING one. A sentence that
 * corrects a claim ("AWS does not publish a 30-second figure", "formerly IsMaster") passes: each rule lists what
 * makes a sentence a correction, and a negation right before the claim always counts as one.
 */

import { FACT_RULES, type FactRule } from './fact-rules.ts';

export { FACT_RULES, type FactRule } from './fact-rules.ts';

/** Words that mark a sentence as talking ABOUT a wrong claim rather than making it. */
const CORRECTION_WORDS = /\b(wrong|incorrect|outdated|out of date|myth|misconception|mistaken|typo|older (docs?|documentation|guides?)|earlier docs|the seed|used to say)\b/i;
/** A negation in the few words just before the claim: "not 7 days", "no longer 5 shards", "rather than 30 s". */
const NEGATION_BEFORE = /\b(not|n't|no|no longer|never|rather than|instead of|than|nor)\b(\W+\w+){0,5}\W*$/i;

export interface FactViolation {
  rule: FactRule;
  /** Where the text came from (a file path, "file.yaml#question-id", ...). */
  source: string;
  line: number;
  sentence: string;
}

interface Unit {
  text: string;
  /** The paragraph up to this sentence; for lines inside a fenced code block, the block and the line introducing it. */
  context: string;
  line: number;
}

/** Splits markdown/MDX/plain text into sentences (and code lines with their block as context). */
export function splitIntoUnits(text: string): Unit[] {
  const units: Unit[] = [];
  const lines = text.split('\n');
  let fence: { start: number; intro: string } | undefined;
  let lastProse = '';
  // A list item is read with its section heading and the sentence introducing the list: "## MemoryDB ... - Scale:
  // up to 500 nodes" is about MemoryDB although the item does not repeat the word.
  let heading = '';
  let listIntro = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\s*(```|~~~)/.test(line)) {
      fence = fence ? undefined : { start: index, intro: lastProse };
      continue;
    }
    if (fence) {
      const end = lines.findIndex((l, i) => i > index && /^\s*(```|~~~)/.test(l));
      const block = lines.slice(fence.start, end === -1 ? undefined : end + 1).join('\n');
      units.push({ text: line, context: `${fence.intro}\n${block}`, line: index + 1 });
      continue;
    }
    if (line.trim() === '') continue;
    if (/^#{1,6}\s/.test(line)) heading = line;
    const listItem = /^\s*([-*+]|\d+[.)])\s/.test(line);
    // Sentence ends: ". ", "! ", "? " before a capital, a quote or a backtick; list items and table rows are lines.
    // A sentence's context is its paragraph up to and including it: "ElastiCache Serverless ... The cache scales
    // without downtime" is about Serverless even though the second sentence does not repeat the word.
    let before = listItem ? `${heading}\n${listIntro}\n` : '';
    for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z`"'*(\[])/)) {
      before = before ? `${before} ${sentence}` : sentence;
      units.push({ text: sentence, context: before, line: index + 1 });
    }
    lastProse = line;
    if (!listItem) listIntro = line;
  }
  return units;
}

function violates(rule: FactRule, unit: Unit): boolean {
  if (!rule.when.every((pattern) => pattern.test(unit.text))) return false;
  if (rule.allow.some((pattern) => pattern.test(unit.context)) || CORRECTION_WORDS.test(unit.context)) return false;
  if (rule.negationCorrects) {
    const locator = rule.when.at(-1)!;
    const match = new RegExp(locator.source, locator.flags.replace('g', '')).exec(unit.text);
    if (match && NEGATION_BEFORE.test(unit.text.slice(Math.max(0, match.index - 60), match.index))) return false;
  }
  return true;
}

/** Every sentence of `text` that states one of the wrong claims. */
export function findFactViolations(text: string, source: string, rules: FactRule[] = FACT_RULES): FactViolation[] {
  const violations: FactViolation[] = [];
  for (const unit of splitIntoUnits(text)) {
    for (const rule of rules) {
      if (violates(rule, unit)) violations.push({ rule, source, line: unit.line, sentence: unit.text.trim() });
    }
  }
  return violations;
}

/** One line per violation, saying what is wrong and what the fact sheet says instead. */
export function formatViolation(violation: FactViolation): string {
  const { rule, source, line, sentence } = violation;
  return `${source}:${line}: states seed claim ${rule.seed} (${rule.claim}).\n    "${sentence}"\n    Fact sheet: ${rule.correction}. If the sentence corrects the claim, say so explicitly in the same sentence.`;
}

interface QuizOptionLike {
  text?: string;
  correct?: boolean;
  explanation?: string;
}
interface QuizQuestionLike {
  id?: string;
  type?: string;
  explanation?: string;
  modelAnswer?: string;
  rubric?: string[];
  options?: QuizOptionLike[];
}

/**
 * The parts of a quiz question that present facts as true: correct options (every option of an ordering question),
 * all explanations, the model answer and rubric. Distractors' texts are deliberately wrong and are not checked.
 */
export function quizTextsToCheck(question: QuizQuestionLike): string[] {
  const texts: string[] = [];
  if (question.explanation) texts.push(question.explanation);
  if (question.modelAnswer) texts.push(question.modelAnswer);
  texts.push(...(question.rubric ?? []));
  for (const option of question.options ?? []) {
    if (option.explanation) texts.push(option.explanation);
    if (option.text && (option.correct === true || question.type === 'ordering')) texts.push(option.text);
  }
  return texts;
}
