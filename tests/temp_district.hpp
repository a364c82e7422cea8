#pragma once
// A fresh parcel store in a directory of its own, filled with parcels the
// test makes: make(number) gives each one's record.
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <memory>

namespace investmap::testing {

struct TempDistrict {
    TempDir dir;
    std::unique_ptr<store::Database> db = store::open_store(dir.file("db.sqlite"), store::OpenMode::create);

    template <typename Make>
    TempDistrict(int parcels, Make&& make) {
        store::ParcelStore store(*db);
        for (int i = 0; i < parcels; ++i) store.insert(make(i), "test", "2026-11-26T00:00:00Z");
    }
};

}  // namespace investmap::testing
