/** A price source: anything that can say what one coin was worth in USD at a time. */

export type PriceQuote = {
  /** USD per whole coin, a decimal string: never a float. */
  price: string
  /** Where this exact price came from: file:line, or the API URL. */
  source: string
  /** The time or UTC date the price is for (ISO). */
  at: string
}

export type PriceSource = {
  name: string
  /** null when the source has no price for that asset and time: never guessed. */
  priceAt(asset: string, time: Date): Promise<PriceQuote | null>
}
