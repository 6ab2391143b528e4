/**
 * Page 1's own glossary: one line for each term of art the page shows, so an
 * officer reading only page 1 needs no other page. Terms the page does not
 * use are left out.
 */
import { escapeHtml } from '../escape.js'

type Term = {
  term: string
  /** Whether page 1 uses the term, judged on its rendered text. */
  shown: RegExp
  means: string
}

const TERMS: readonly Term[] = [
  {
    term: 'deposit-sweep',
    shown: /\bdeposit-sweep\b/,
    means:
      'the address was not labelled itself; it is taken to be a deposit address at the exchange because a later transaction swept its coins into wallets labelled as that exchange (an inference, hence medium confidence at most).',
  },
  {
    term: 'label',
    shown: /\blabel, (official|high|medium|low)\b/,
    means:
      'the address itself appears in a named label list as belonging to the venue.',
  },
  {
    term: 'confidence',
    shown: /\b(label|deposit-sweep), (official|high|medium|low)\b/,
    means:
      "how far the attribution can be trusted: official is a government list (such as OFAC's); high, medium and low are the grades the label source gives; a deposit-sweep is medium; each drops one level when sources disagree about the operator.",
  },
  {
    term: 'haircut',
    shown: /\bhaircut\b/,
    means:
      "the tracing policy: every output of a transaction carries the stolen share of that transaction's inputs (proportional), so mixed funds are split pro rata.",
  },
  {
    term: 'poison',
    shown: /\bpoison\b/,
    means:
      'the tracing policy: every output of a transaction with any stolen input counts as wholly stolen, an upper bound; clean funds pulled in are reported as absorbed.',
  },
  {
    term: 'fifo',
    shown: /\bfifo\b/i,
    means:
      'the tracing policy (first in, first out): inputs and outputs are laid in order and each output takes the stolen value of the inputs it lines up with.',
  },
  {
    term: 'at rest',
    shown: /\bat rest\b/i,
    means:
      'traced funds still unspent at the address as of the block shown: they can still move, or still be frozen.',
  },
  {
    term: 'unexplored',
    shown: /\bunexplored\b/i,
    means:
      'traced funds the trace did not follow to an end (a fetch failure, a hop or size limit, a CoinJoin); the trace is incomplete by that amount.',
  },
]

/** The glossary lines for the terms in page1Html (markup is ignored). */
export function termsBlock(page1Html: string): string {
  const words = page1Html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ')
  const lines = TERMS.filter((t) => t.shown.test(words)).map(
    (t) => `<dt>${escapeHtml(t.term)}</dt><dd>${escapeHtml(t.means)}</dd>`,
  )
  if (lines.length === 0) return ''
  return `<section id="terms" class="terms">
<h3>Terms on this page</h3>
<dl>${lines.join('\n')}</dl>
</section>`
}
