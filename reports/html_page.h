// reports/html_page.h
//
// The pieces every HTML report is made of: a head with the inline stylesheet
// (screen and print; no script, no font or file from elsewhere), tables whose
// cells are always escaped, and German number formats (decimal comma,
// thousands dot). A page is plain string concatenation of these.
//
// Example:
//   std::string html = HtmlHead("Auswertung");
//   html += "<h1>Auswertung</h1>" + RenderTable(table) + HtmlFoot();

#ifndef JOBMATCH_REPORTS_HTML_PAGE_H_
#define JOBMATCH_REPORTS_HTML_PAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace jobmatch::reports {

// <!DOCTYPE html> ... <body>, with the stylesheet inline; `title` escaped.
std::string HtmlHead(std::string_view title);
// </body></html>
std::string HtmlFoot();

struct HtmlTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> flagged;  // per row: highlighted (e.g. below four fifths)
  std::string caption;
};
// Every header and cell escaped; cells that look numeric are right-aligned.
std::string RenderTable(const HtmlTable& table);

// "<p>...</p>" with `text` escaped.
std::string Paragraph(std::string_view text);

// German formats: 1234.5 -> "1.234,5" (decimals fixed), 0.834 -> "83,4 %".
std::string FormatNumber(double value, int decimals);
std::string FormatPercent(double share, int decimals = 1);

}  // namespace jobmatch::reports

#endif  // JOBMATCH_REPORTS_HTML_PAGE_H_
