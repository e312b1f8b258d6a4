#include "common/directory_names.h"

#include <dirent.h>
#include <ftw.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

namespace tracuu {

std::vector<std::string> DirectoryNames(const std::filesystem::path& dir, std::error_code& error) {
  error.clear();
  std::vector<std::string> names;
  DIR* stream = opendir(dir.c_str());
  if (stream == nullptr) {
    if (errno == ENOMEM) throw std::bad_alloc();
    error = std::error_code(errno, std::generic_category());
    return names;
  }
  struct Closer {
    DIR* stream;
    ~Closer() { closedir(stream); }
  } closer{stream};
  while (true) {
    errno = 0;
    const dirent* entry = readdir(stream);
    if (entry == nullptr) {
      if (errno == ENOMEM) throw std::bad_alloc();
      if (errno != 0) error = std::error_code(errno, std::generic_category());
      break;
    }
    if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0) continue;
    names.emplace_back(entry->d_name);
  }
  return names;
}

namespace {

int RemoveOne(const char* path, const struct stat*, int, struct FTW*) { return std::remove(path) == 0 ? 0 : -1; }

}  // namespace

std::error_code RemoveTree(const std::filesystem::path& path) noexcept {
  struct stat info;
  if (lstat(path.c_str(), &info) != 0) {
    return errno == ENOENT ? std::error_code() : std::error_code(errno, std::generic_category());
  }
  // nftw allocates with malloc and reports failure (-1, errno ENOMEM)
  // rather than throwing; FTW_PHYS: symlinks are removed, not followed.
  errno = 0;
  if (nftw(path.c_str(), RemoveOne, 16, FTW_DEPTH | FTW_PHYS) == 0) return {};
  return std::error_code(errno != 0 ? errno : EIO, std::generic_category());
}

}  // namespace tracuu
