/* Benchmark hook: its first instruction reads the wall clock; then it finds the first "time_nano" in the batch
 * on stdin and appends now - time_nano (nanoseconds) to the file named by argv[1]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    static char input[1 << 20];
    size_t length = fread(input, 1, sizeof input - 1, stdin);
    input[length] = 0;
    const char *field = strstr(input, "\"time_nano\":");
    if (argc < 2 || field == NULL) return 2;
    long long event = atoll(field + strlen("\"time_nano\":"));
    long long delta = (long long)now.tv_sec * 1000000000LL + now.tv_nsec - event;
    FILE *out = fopen(argv[1], "a");
    if (out == NULL) return 3;
    fprintf(out, "%lld\n", delta);
    fclose(out);
    return 0;
}
