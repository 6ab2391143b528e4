/** explore.html for one report bundle or for a batch folder of them. */
import { explorerScript } from './asset.js'
import { type CaseInput, exploreData } from './data.js'
import { renderExploreHtml } from './page.js'

export async function renderExplore(
  title: string,
  cases: CaseInput[],
): Promise<string> {
  return renderExploreHtml(exploreData(title, cases), await explorerScript())
}
