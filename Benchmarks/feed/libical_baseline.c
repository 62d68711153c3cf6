/* libical's own throughput on the components a followup feed holds: build each VEVENT or VTODO
 * with the same properties (and a VALARM on events), serialise it, free it.
 *
 *   libical_baseline COMPONENTS DESCRIPTIONS-FILE OUTPUT-FILE
 *
 * DESCRIPTIONS-FILE holds the feed's descriptions separated by NUL bytes; component i takes
 * the description of event i / 2 (cycling), as the feed's event and to-do of a follow-up share
 * theirs.
 * Writes the components to OUTPUT-FILE and syncs it, as a feed is written, and prints
 * "libical-c<TAB>components<TAB>best seconds" (best of three runs). */
#include <unistd.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *read_file(const char *path, long *length) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, file) != (size_t)size) { perror(path); exit(1); }
    text[size] = 0;
    fclose(file);
    *length = size;
    return text;
}

static struct icaltimetype day(int year, int month, int mday) {
    struct icaltimetype t = icaltime_null_time();
    t.year = year; t.month = month; t.day = mday; t.is_date = 1;
    return t;
}

static icalcomponent *build(int index, const char *description, struct icaltimetype stamp) {
    int event = index % 2 == 0;
    icalcomponent *c = icalcomponent_new(event ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT);
    char uid[80];
    snprintf(uid, sizeof uid, "%032x-%s@followup", index, event ? "event" : "task");
    icalcomponent_add_property(c, icalproperty_new_uid(uid));
    icalcomponent_add_property(c, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(c, icalproperty_new_lastmodified(stamp));
    icalcomponent_add_property(c, icalproperty_new_sequence(0));
    icalcomponent_add_property(c, icalproperty_new_summary("Thank-you e-mail to Dana D\xc3\xad" "az (Company 1234)"));
    icalcomponent_add_property(c, icalproperty_new_description(description));
    icalcomponent_add_property(c, icalproperty_new_class(ICAL_CLASS_PRIVATE));
    icalcomponent_add_property(c, icalproperty_new_categories("Job search"));
    struct icaltimetype start = day(2027, 1 + index % 12, 1 + index % 28);
    if (event) {
        icalcomponent_add_property(c, icalproperty_new_dtstart(start));
        icalcomponent_add_property(c, icalproperty_new_dtend(day(2027, 1 + index % 12, 2 + index % 28)));
        icalcomponent_add_property(c, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        icalcomponent *alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
        icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
        icalcomponent_add_property(alarm, icalproperty_new_trigger(icaltriggertype_from_int(9 * 3600)));
        icalcomponent_add_property(alarm, icalproperty_new_description("Thank-you e-mail to Dana D\xc3\xad" "az (Company 1234)"));
        icalcomponent_add_component(c, alarm);
    } else {
        icalcomponent_add_property(c, icalproperty_new_due(start));
        icalcomponent_add_property(c, icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
    }
    return c;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s COMPONENTS DESCRIPTIONS-FILE OUTPUT-FILE\n", argv[0]); return 2; }
    int count = atoi(argv[1]);
    long length = 0;
    char *text = read_file(argv[2], &length);
    int described = 1;
    for (long i = 0; i < length; i++) if (text[i] == 0) described++;
    char **descriptions = malloc(sizeof(char *) * described);
    descriptions[0] = text;
    for (long i = 0, n = 1; i < length; i++) if (text[i] == 0) descriptions[n++] = text + i + 1;
    struct icaltimetype stamp = icaltime_from_timet_with_zone(1799000000, 0, icaltimezone_get_utc_timezone());
    double best = 1e9;
    for (int run = 0; run < 3; run++) {
        double start = now();
        FILE *sink = fopen(argv[3], "wb");
        if (!sink) { perror(argv[3]); return 1; }
        for (int i = 0; i < count; i++) {
            icalcomponent *c = build(i, descriptions[(i / 2) % described], stamp);
            char *text = icalcomponent_as_ical_string_r(c);
            fwrite(text, 1, strlen(text), sink);
            free(text);
            icalcomponent_free(c);
        }
        fflush(sink);
        fsync(fileno(sink));
        fclose(sink);
        double seconds = now() - start;
        if (seconds < best) best = seconds;
    }
    printf("libical-c\t%d\t%.4f\n", count, best);
    return 0;
}
