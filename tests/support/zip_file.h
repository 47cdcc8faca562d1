// tests/support/zip_file.h
//
// Writes a zip archive of named parts (libzip, deflated), for tests that
// build xlsx files by hand as Excel or LibreOffice lay them out.
//
// Example:
//   WriteZip(dir / "book.xlsx", {{"xl/workbook.xml", "<workbook ...>"}, ...});

#ifndef JOBMATCH_TESTS_SUPPORT_ZIP_FILE_H_
#define JOBMATCH_TESTS_SUPPORT_ZIP_FILE_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace jobmatch::test {

// Replaces `path`; true on success.
bool WriteZip(const std::filesystem::path& path,
              const std::vector<std::pair<std::string, std::string>>& parts);

// The parts of a minimal workbook as Excel saves it, around `sheet_xml` (the
// <sheetData> content), `shared_strings` (the <si> items) and the cellXfs
// `styles` (<xf> elements; numFmtId 14 is a date).
std::vector<std::pair<std::string, std::string>> ExcelStyleWorkbook(
    const std::string& sheet_data,
    const std::vector<std::string>& shared_strings,
    const std::string& cell_xfs = "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>");

}  // namespace jobmatch::test

#endif  // JOBMATCH_TESTS_SUPPORT_ZIP_FILE_H_
