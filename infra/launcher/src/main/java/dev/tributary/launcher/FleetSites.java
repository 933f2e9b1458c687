package dev.tributary.launcher;

import java.util.ArrayList;
import java.util.List;

/** Names for the simulated fleet: hackathon cities on six continents, then numbered sites. */
final class FleetSites {
  private FleetSites() {}

  record SiteName(String siteId, String displayName, String country) {}

  private static final List<SiteName> CITIES =
      List.of(
          new SiteName("lisbon", "Lisbon", "PT"),
          new SiteName("nairobi", "Nairobi", "KE"),
          new SiteName("tokyo", "Tokyo", "JP"),
          new SiteName("sao-paulo", "São Paulo", "BR"),
          new SiteName("montreal", "Montréal", "CA"),
          new SiteName("bangalore", "Bangalore", "IN"),
          new SiteName("sydney", "Sydney", "AU"),
          new SiteName("berlin", "Berlin", "DE"),
          new SiteName("lagos", "Lagos", "NG"),
          new SiteName("mexico-city", "Mexico City", "MX"),
          new SiteName("seoul", "Seoul", "KR"),
          new SiteName("paris", "Paris", "FR"));

  static List<SiteName> first(int count) {
    List<SiteName> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          i < CITIES.size()
              ? CITIES.get(i)
              : new SiteName(
                  String.format("site-%03d", i + 1), String.format("Site %d", i + 1), ""));
    }
    return out;
  }
}
