/** explore.html for one report bundle or for a batch folder of them. */
import { explorerScript } from './asset.js'
import { initialView } from './collapse.js'
import { type CaseInput, exploreData } from './data.js'
import { renderExploreHtml } from './page.js'
import { presetLayout } from './positions.js'

/** The first view is laid out here, once, rather than in the reader's browser. */
export async function renderExplore(
  title: string,
  cases: CaseInput[],
): Promise<string> {
  const data = exploreData(title, cases)
  data.layout = presetLayout(initialView(data))
  return renderExploreHtml(data, await explorerScript())
}
