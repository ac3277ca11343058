/**
 * What the demo bot says: keyword intents over the visitor's text. Pure; no Node APIs.
 */
import type { Metadata } from '../../../src/core/protocol.js';

export const BOT_INTENTS = ['human', 'thanks', 'greeting', 'hours', 'pricing', 'fallback'] as const;
export type BotIntent = (typeof BOT_INTENTS)[number];

export interface BotReply {
  intent: BotIntent;
  message: string;
  metadata: Metadata;
  /** The bot hands the conversation to a human agent. */
  handOff: boolean;
}

/** Suggested replies offered with the greeting (rich template 6). */
export const GREETING_SUGGESTIONS = [
  { title: 'Opening hours', message: 'What are your opening hours?' },
  { title: 'Pricing', message: 'How much does it cost?' },
  { title: 'Talk to a human', message: 'I would like to talk to a human.' },
] as const;

const PATTERNS: ReadonlyArray<[Exclude<BotIntent, 'fallback'>, RegExp]> = [
  ['human', /\b(human|agent|person|someone real|representative|operator|real people)\b/],
  ['thanks', /\b(thanks|thank you|thank u|thx|ty|cheers|much appreciated)\b/],
  ['greeting', /\b(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|greetings)\b/],
  ['hours', /\b(hours?|opening|open|close|closing|closed|when are you)\b/],
  ['pricing', /\b(price|prices|pricing|cost|costs|how much|plans?|fees?|subscription)\b/],
];

export function detectIntent(text: string): BotIntent {
  const t = (typeof text === 'string' ? text : '').toLowerCase();
  return PATTERNS.find(([, re]) => re.test(t))?.[0] ?? 'fallback';
}

export function botReply(text: string): BotReply {
  const intent = detectIntent(text);
  switch (intent) {
    case 'greeting':
      return {
        intent,
        message:
          "Hello! I'm Parley Bot. I can tell you about our opening hours and pricing, or bring in a human agent. What would you like?",
        metadata: { contentType: '300', templateId: '6', payload: JSON.stringify(GREETING_SUGGESTIONS) },
        handOff: false,
      };
    case 'hours':
      return {
        intent,
        message:
          "We're open Monday to Friday, 9:00–17:00 (UTC). Outside those hours leave a message and we'll get back to you.",
        metadata: {},
        handOff: false,
      };
    case 'pricing':
      return {
        intent,
        message: 'Parley is free and open source. Hosted plans start at $19 per agent per month, billed monthly.',
        metadata: {},
        handOff: false,
      };
    case 'human':
      return {
        intent,
        message: "I'm bringing in a human agent — they'll be with you shortly.",
        metadata: {},
        handOff: true,
      };
    case 'thanks':
      return { intent, message: "You're welcome! Anything else I can help with?", metadata: {}, handOff: false };
    default:
      return { intent, message: "I'm not sure about that — an agent will join shortly.", metadata: {}, handOff: false };
  }
}
