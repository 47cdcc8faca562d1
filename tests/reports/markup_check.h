// tests/reports/markup_check.h
//
// A small checker for the markup our reports write: every tag closed in
// order, attribute values quoted, only the five XML entities and numeric
// references, no raw '<' or '&' in text. HTML void elements (meta, br, ...)
// need no closing tag. Returns "" when well formed, else the first problem.
// Also counts elements by name, so tests can check bar counts.

#ifndef JOBMATCH_TESTS_REPORTS_MARKUP_CHECK_H_
#define JOBMATCH_TESTS_REPORTS_MARKUP_CHECK_H_

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jobmatch::testing {

struct MarkupCheck {
  std::string problem;                  // "" when well formed
  std::map<std::string, int> elements;  // element name -> count
  std::vector<std::string> texts;       // text nodes, entities left as written
};

inline bool IsVoid(const std::string& name) {
  static const char* kVoid[] = {"meta", "br", "hr", "img", "input", "link"};
  return std::any_of(std::begin(kVoid), std::end(kVoid), [&](const char* v) { return name == v; });
}

inline bool ValidEntity(std::string_view text, size_t at, size_t* length) {
  const size_t end = text.find(';', at);
  if (end == std::string_view::npos || end - at > 10) return false;
  const std::string_view name = text.substr(at + 1, end - at - 1);
  *length = end - at + 1;
  if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos")
    return true;
  if (name.size() >= 2 && name[0] == '#') {
    return std::all_of(name.begin() + 1, name.end(), [](char c) { return std::isdigit(c); });
  }
  return false;
}

inline MarkupCheck CheckMarkup(std::string_view text) {
  MarkupCheck check;
  std::vector<std::string> open;
  size_t i = 0;
  auto fail = [&](const std::string& what) {
    check.problem = what + " at byte " + std::to_string(i);
    return check;
  };
  while (i < text.size()) {
    if (text[i] == '&') {
      size_t length = 0;
      if (!ValidEntity(text, i, &length)) return fail("bad entity");
      i += length;
      continue;
    }
    if (text[i] != '<') {
      const size_t next = text.find_first_of("<&", i);
      const size_t end = next == std::string_view::npos ? text.size() : next;
      if (text[i] == '>') return fail("raw '>' in text");
      check.texts.emplace_back(text.substr(i, end - i));
      i = end;
      continue;
    }
    if (text.substr(i, 4) == "<!--") {
      const size_t end = text.find("-->", i);
      if (end == std::string_view::npos) return fail("unclosed comment");
      i = end + 3;
      continue;
    }
    if (text.substr(i, 2) == "<!" || text.substr(i, 2) == "<?") {
      const size_t end = text.find('>', i);
      if (end == std::string_view::npos) return fail("unclosed declaration");
      i = end + 1;
      continue;
    }
    const bool closing = text.substr(i, 2) == "</";
    size_t j = i + (closing ? 2 : 1);
    size_t name_end = j;
    while (name_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[name_end])) ||
                                      text[name_end] == '-' || text[name_end] == ':')) {
      ++name_end;
    }
    if (name_end == j) return fail("tag without name");
    const std::string name(text.substr(j, name_end - j));
    j = name_end;
    // Attributes: name="value" or name='value', values without '<'.
    bool self_closing = false;
    while (j < text.size()) {
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j >= text.size()) return fail("unclosed tag <" + name);
      if (text[j] == '>') break;
      if (text.substr(j, 2) == "/>") {
        self_closing = true;
        ++j;
        break;
      }
      if (closing) return fail("attribute in closing tag </" + name);
      const size_t attr = j;
      while (j < text.size() && text[j] != '=' &&
             !std::isspace(static_cast<unsigned char>(text[j])) && text[j] != '>') {
        ++j;
      }
      if (j == attr) return fail("bad attribute in <" + name);
      if (j >= text.size() || text[j] != '=') return fail("attribute without value in <" + name);
      ++j;
      if (j >= text.size() || (text[j] != '"' && text[j] != '\'')) {
        return fail("unquoted attribute in <" + name);
      }
      const char quote = text[j];
      const size_t end = text.find(quote, j + 1);
      if (end == std::string_view::npos) return fail("unclosed attribute value in <" + name);
      const std::string_view value = text.substr(j + 1, end - j - 1);
      if (value.find('<') != std::string_view::npos) return fail("'<' in attribute of <" + name);
      for (size_t k = value.find('&'); k != std::string_view::npos; k = value.find('&', k + 1)) {
        size_t length = 0;
        if (!ValidEntity(value, k, &length)) return fail("bad entity in attribute of <" + name);
      }
      j = end + 1;
    }
    i = j + 1;
    if (closing) {
      if (open.empty() || open.back() != name) return fail("unexpected </" + name + ">");
      open.pop_back();
      continue;
    }
    ++check.elements[name];
    if (name == "style" || name == "script") {
      const std::string end_tag = "</" + name + ">";
      const size_t end = text.find(end_tag, i);
      if (end == std::string_view::npos) return fail("unclosed <" + name + ">");
      i = end + end_tag.size();
      continue;
    }
    if (!self_closing && !IsVoid(name)) open.push_back(name);
  }
  if (!open.empty()) {
    check.problem = "unclosed <" + open.back() + ">";
  }
  return check;
}

}  // namespace jobmatch::testing

#endif  // JOBMATCH_TESTS_REPORTS_MARKUP_CHECK_H_
