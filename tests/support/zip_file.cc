#include "tests/support/zip_file.h"

#include <zip.h>

namespace jobmatch::test {

bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& parts) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  int code = 0;
  zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_EXCL, &code);
  if (archive == nullptr) return false;
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (source == nullptr ||
        zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(source);
      zip_discard(archive);
      return false;
    }
  }
  return zip_close(archive) == 0;  // reads the buffers, which outlive it
}

std::vector<std::pair<std::string, std::string>> ExcelStyleWorkbook(
    const std::string& sheet_data,
    const std::vector<std::string>& shared_strings,
    const std::string& cell_xfs) {
  const std::string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string strings =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\"" + main +
      "\" count=\"" + std::to_string(shared_strings.size()) + "\" uniqueCount=\"" +
      std::to_string(shared_strings.size()) + "\">";
  for (const std::string& item : shared_strings) strings += "<si>" + item + "</si>";
  strings += "</sst>";
  return {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
       "Extension=\"rels\" "
       "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
       "PartName=\"/xl/workbook.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/"
       ">"
       "</Types>"},
      {"_rels/.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
       "Id=\"rId1\" Type=\"" +
           rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      // Excel names the sheet's part after its own numbering, not "sheet1".
      {"xl/workbook.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<workbook xmlns=\"" +
           main + "\" xmlns:r=\"" + rel +
           "\"><workbookPr defaultThemeVersion=\"166925\"/><sheets><sheet name=\"Vorschläge\" "
           "sheetId=\"1\" r:id=\"rId3\"/><sheet name=\"Notizen\" sheetId=\"2\" r:id=\"rId1\"/>"
           "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
       "<Relationship Id=\"rId1\" Type=\"" +
           rel +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
           "<Relationship Id=\"rId3\" Type=\"" +
           rel +
           "/worksheet\" Target=\"/xl/worksheets/sheet7.xml\"/>"
           "<Relationship Id=\"rId4\" Type=\"" +
           rel +
           "/styles\" Target=\"styles.xml\"/>"
           "<Relationship Id=\"rId5\" Type=\"" +
           rel +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
           "</Relationships>"},
      {"xl/sharedStrings.xml", strings},
      {"xl/styles.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<styleSheet xmlns=\"" +
           main +
           "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"[$-407]DD/MM/YYYY\"/>"
           "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>" +
           cell_xfs + "</cellXfs></styleSheet>"},
      {"xl/worksheets/sheet1.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"" +
           main +
           "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>not this sheet</t></is>"
           "</c></row></sheetData></worksheet>"},
      {"xl/worksheets/sheet7.xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<worksheet xmlns=\"" +
           main + "\" xmlns:r=\"" + rel + "\"><dimension ref=\"A1:F9\"/><sheetData>" + sheet_data +
           "</sheetData></worksheet>"},
  };
}

}  // namespace jobmatch::test
