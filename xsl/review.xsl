<?xml version="1.0" encoding="UTF-8"?>
<!--
  review.xsl: the reviewer desk (审核工作台) of the 经办机构.
  Views: queue (待审核业务 / 审核记录 with a business filter, a search by
  unit, 业务顺序号 and submission date, and batch approval) and detail
  (one task: unit, fields, its persons a page at a time each with the
  files that are theirs, the task's own files, history; approve,
  reject with 回退原因, or a batch's partial decision: ticked persons
  sent back each with a reason, the rest approved).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The queue: filter form, then the tasks in a batch-approve form. -->
  <xsl:template match="page[@view = 'queue']" mode="content">
    <xsl:variable name="done" select="filter/@state = 'done'"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="$done">审核记录</xsl:when>
          <xsl:otherwise>待审核业务</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <p class="note desk-links"><a href="/yuyue/desk">当日预约</a>(单位预约到经办机构办理的业务,按日期查看)</p>
    <p class="note desk-links"><a href="/jiandu">监管</a>(待审业务按承诺时限、超时优先,回退原因统计,当日预约)</p>

    <form method="get" action="/review" class="form filter">
      <label for="f-business">业务类型</label>
      <select id="f-business" name="business">
        <option value="">全部业务</option>
        <xsl:for-each select="businesses/business">
          <option value="{@code}">
            <xsl:if test="@code = /page/filter/@business"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@name"/>
          </option>
        </xsl:for-each>
      </select>
      <label for="f-state">审核状态</label>
      <select id="f-state" name="state">
        <option value="pending">
          <xsl:if test="not($done)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:text>待审核</xsl:text>
        </option>
        <option value="done">
          <xsl:if test="$done"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:text>已审核</xsl:text>
        </option>
      </select>
      <label for="f-unit">单位名称/统一社会信用代码</label>
      <input type="text" id="f-unit" name="unit" value="{filter/@unit}" maxlength="50" size="24"/>
      <label for="f-seq">业务顺序号</label>
      <input type="text" id="f-seq" name="seq" value="{filter/@seq}" maxlength="31" size="18"/>
      <label for="f-from">提交日期</label>
      <input type="date" id="f-from" name="from" value="{filter/@from}" aria-label="提交日期(起)"/>
      <xsl:text>至</xsl:text>
      <input type="date" id="f-to" name="to" value="{filter/@to}" aria-label="提交日期(止)"/>
      <button type="submit" class="btn">查询</button>
      <xsl:for-each select="/page/errors/error[@field = 'unit' or @field = 'seq' or @field = 'from' or @field = 'to']">
        <span class="field-error" role="alert"><xsl:value-of select="."/></span>
      </xsl:for-each>
    </form>

    <xsl:if test="not($done) and businesses/business[@count &gt; 0]">
      <p class="queue-counts">
        <xsl:text>待审核共 </xsl:text><xsl:value-of select="businesses/@count"/><xsl:text> 笔:</xsl:text>
        <xsl:for-each select="businesses/business[@count &gt; 0]">
          <xsl:if test="position() &gt; 1"><xsl:text>,</xsl:text></xsl:if>
          <a href="/review?business={@code}"><xsl:value-of select="@name"/></a>
          <xsl:text> </xsl:text><xsl:value-of select="@count"/><xsl:text> 笔</xsl:text>
        </xsl:for-each>
      </p>
    </xsl:if>

    <xsl:choose>
      <xsl:when test="$done">
        <xsl:call-template name="queue-table">
          <xsl:with-param name="done" select="true()"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="/review/batch-approve" class="form">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="queue-table">
            <xsl:with-param name="done" select="false()"/>
          </xsl:call-template>
          <xsl:if test="queue/task">
            <p class="buttons">
              <button type="submit" class="btn btn-primary">批量审核通过</button>
              <span class="hint">勾选业务后点击“批量审核通过”;需回退的业务请进入详情填写回退原因。</span>
            </p>
          </xsl:if>
        </form>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="queue-pager"/>
  </xsl:template>

  <!-- Page links of the queue: 共 N 笔, 第 P/K 页, 首页 上一页 下一页 末页. -->
  <xsl:template name="queue-pager">
    <xsl:variable name="q" select="queue"/>
    <xsl:variable name="base" select="concat('/review?', filter/@query, substring('&amp;', 1, string-length(filter/@query)), 'page=')"/>
    <p class="pager">
      <xsl:text>共 </xsl:text><xsl:value-of select="$q/@total"/><xsl:text> 笔,第 </xsl:text>
      <xsl:value-of select="$q/@page"/><xsl:text>/</xsl:text><xsl:value-of select="$q/@pages"/><xsl:text> 页</xsl:text>
      <xsl:if test="$q/@page &gt; 1">
        <xsl:text> </xsl:text><a class="op" href="{$base}1">首页</a>
        <xsl:text> </xsl:text><a class="op" href="{$base}{$q/@page - 1}" rel="prev">上一页</a>
      </xsl:if>
      <xsl:if test="$q/@page &lt; $q/@pages">
        <xsl:text> </xsl:text><a class="op" href="{$base}{$q/@page + 1}" rel="next">下一页</a>
        <xsl:text> </xsl:text><a class="op" href="{$base}{$q/@pages}">末页</a>
      </xsl:if>
    </p>
  </xsl:template>

  <!-- The table of queue/task; a checkbox column when not $done. -->
  <xsl:template name="queue-table">
    <xsl:param name="done"/>
    <table class="grid queue">
      <thead>
        <tr>
          <xsl:if test="not($done)"><th class="check">选择</th></xsl:if>
          <th>业务顺序号</th>
          <th>业务名称</th>
          <th>单位名称</th>
          <th>摘要</th>
          <th>提交时间</th>
          <xsl:choose>
            <xsl:when test="$done">
              <th>审批结果</th>
              <th>审批人</th>
              <th>审核时间</th>
            </xsl:when>
            <xsl:otherwise>
              <th>已等待</th>
            </xsl:otherwise>
          </xsl:choose>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="queue/task">
          <tr>
            <xsl:if test="not($done)">
              <td class="check">
                <input type="checkbox" name="id" value="{@id}" id="t-{@id}"
                       aria-label="选择业务 {@seq}"/>
              </td>
            </xsl:if>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td>
              <xsl:value-of select="@business-name"/>
              <xsl:if test="@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue">逾期</span></xsl:if>
              <xsl:if test="not($done) and (@was-returned = '1' or @returned = '1')"><xsl:text> </xsl:text><span class="badge badge-returned">曾回退</span></xsl:if>
              <xsl:if test="@package"><xsl:text> </xsl:text><span class="badge badge-package"><xsl:value-of select="@package"/></span></xsl:if>
            </td>
            <td><xsl:value-of select="@unit-name"/></td>
            <td class="summary"><xsl:value-of select="@summary"/></td>
            <td class="time"><xsl:value-of select="@submitted"/></td>
            <xsl:choose>
              <xsl:when test="$done">
                <td>
                  <xsl:choose>
                    <xsl:when test="@result = '回退'">
                      <span class="badge badge-returned">回退</span>
                      <xsl:if test="@result-reason != ''">
                        <span class="reason">(回退原因: <xsl:value-of select="@result-reason"/>)</span>
                      </xsl:if>
                    </xsl:when>
                    <xsl:otherwise><span class="badge badge-done"><xsl:value-of select="@result"/></span></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:value-of select="@reviewer"/></td>
                <td class="time"><xsl:value-of select="@result-at"/></td>
              </xsl:when>
              <xsl:otherwise>
                <td class="num">
                  <xsl:if test="@age-days != ''"><xsl:value-of select="@age-days"/> 天</xsl:if>
                </td>
              </xsl:otherwise>
            </xsl:choose>
            <td class="ops">
              <a class="op" href="/review/task?id={@id}">详情</a>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(queue/task)">
          <xsl:call-template name="empty-row">
            <xsl:with-param name="cols">
              <xsl:choose>
                <xsl:when test="$done">9</xsl:when>
                <xsl:otherwise>8</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- The package (打包快办) a task is a step of: each step, the others
       linked; a later step is reviewed once the hall submits it. -->
  <xsl:template match="package" mode="review">
    <xsl:call-template name="section">
      <xsl:with-param name="title" select="concat(@title, ' · ', @steps, ' 项')"/>
    </xsl:call-template>
    <table class="grid package-steps" id="package">
      <thead><tr><th>顺序</th><th>业务名称</th><th>业务顺序号</th><th>业务状态</th></tr></thead>
      <tbody>
        <xsl:for-each select="step">
          <tr>
            <td><xsl:value-of select="@no"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@no = ../@current"><strong><xsl:value-of select="@business-name"/>(本业务)</strong></xsl:when>
                <xsl:otherwise><a href="/review/task?id={@task}"><xsl:value-of select="@business-name"/></a></xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td>
              <xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template>
              <xsl:if test="@hold = '等待'"> 前一项审核通过后由系统自动提交</xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <p class="note">打包办理的业务须按顺序审核:前一项审核通过后,系统自动提交下一项,并打开其审核页面。</p>
  </xsl:template>

  <!-- One task in detail, with the approve / reject forms while it is
       进行中. -->
  <xsl:template match="page[@view = 'detail']" mode="content">
    <xsl:variable name="t" select="task"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title" select="concat($t/@business-name, ' 业务详情')"/>
    </xsl:call-template>
    <table class="form-grid info">
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">业务顺序号</xsl:with-param>
          <xsl:with-param name="value" select="$t/@seq"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">业务名称</xsl:with-param>
          <xsl:with-param name="value" select="$t/@business-name"/>
        </xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">单位名称</xsl:with-param>
          <xsl:with-param name="value" select="unit/@name"/>
        </xsl:call-template>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">统一社会信用代码</xsl:with-param>
          <xsl:with-param name="value" select="unit/@uscc"/>
        </xsl:call-template>
      </tr>
      <tr>
        <th>单位类别</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="unit/@vip = '1'">VIP 单位</xsl:when>
            <xsl:otherwise>普通单位</xsl:otherwise>
          </xsl:choose>
        </td>
        <th>业务状态</th>
        <td class="readonly">
          <xsl:call-template name="state-badge"><xsl:with-param name="state" select="$t/@state"/></xsl:call-template>
          <xsl:if test="$t/@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue">逾期</span></xsl:if>
        </td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">提交时间</xsl:with-param>
          <xsl:with-param name="value" select="$t/@submitted"/>
        </xsl:call-template>
        <th>回退标志</th>
        <td class="readonly">
          <xsl:call-template name="yes-no"><xsl:with-param name="v" select="$t/@returned"/></xsl:call-template>
          <xsl:if test="$t/@reason != ''">(上次回退原因: <xsl:value-of select="$t/@reason"/>)</xsl:if>
        </td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells">
          <xsl:with-param name="label">摘要</xsl:with-param>
          <xsl:with-param name="value" select="$t/@summary"/>
          <xsl:with-param name="colspan">3</xsl:with-param>
        </xsl:call-template>
      </tr>
    </table>

    <xsl:apply-templates select="package" mode="review"/>

    <xsl:if test="detail/field">
      <xsl:call-template name="section"><xsl:with-param name="title">申报信息</xsl:with-param></xsl:call-template>
      <table class="form-grid info">
        <xsl:for-each select="detail/field[position() mod 2 = 1]">
          <tr>
            <xsl:call-template name="show-cells">
              <xsl:with-param name="label" select="@label"/>
              <xsl:with-param name="value" select="."/>
            </xsl:call-template>
            <xsl:choose>
              <xsl:when test="following-sibling::field[1]">
                <xsl:call-template name="show-cells">
                  <xsl:with-param name="label" select="following-sibling::field[1]/@label"/>
                  <xsl:with-param name="value" select="following-sibling::field[1]"/>
                </xsl:call-template>
              </xsl:when>
              <xsl:otherwise><th></th><td></td></xsl:otherwise>
            </xsl:choose>
          </tr>
        </xsl:for-each>
      </table>
    </xsl:if>

    <xsl:call-template name="row-returns"/>

    <xsl:if test="persons">
      <xsl:call-template name="persons"/>
    </xsl:if>

    <!-- The task's own files; with a persons table, each person's are
         beside them. -->
    <xsl:variable name="own" select="attachments/attachment[not(/page/persons) or not(@person = /page/persons/person[@person != '0']/@person)]"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="persons">业务附件材料</xsl:when>
          <xsl:otherwise>附件材料</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:if test="persons and not($own)">
      <p class="hint">本业务没有整笔业务的附件材料;各人员的附件材料见上方人员名单。</p>
    </xsl:if>
    <xsl:if test="not(persons) or $own">
    <table class="grid attachments">
      <thead>
        <tr><th>材料名称</th><th>文件名</th><th>大小</th><th>类型</th><th>操作</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$own">
          <tr>
            <td><xsl:value-of select="@kind-name"/></td>
            <td><xsl:value-of select="@filename"/></td>
            <td class="num">
              <xsl:call-template name="file-size"><xsl:with-param name="bytes" select="@size"/></xsl:call-template>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="@mime = 'application/pdf'">PDF</xsl:when>
                <xsl:when test="@mime = 'image/jpeg'">JPG</xsl:when>
                <xsl:otherwise><xsl:value-of select="@mime"/></xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="ops"><xsl:call-template name="file-links"/></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($own)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">5</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    </xsl:if>

    <xsl:call-template name="section"><xsl:with-param name="title">办理记录</xsl:with-param></xsl:call-template>
    <xsl:call-template name="events-table"><xsl:with-param name="events" select="events/event"/></xsl:call-template>

    <xsl:if test="$t/@state = '进行中'">
      <xsl:call-template name="section"><xsl:with-param name="title">审核</xsl:with-param></xsl:call-template>
      <div class="decide">
        <form method="post" action="/review/approve" class="form approve">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$t/@id}"/>
          <p>核对申报信息与附件材料无误后,点击“审核通过”,业务即办结并生效。</p>
          <p class="buttons"><button type="submit" class="btn btn-primary">审核通过</button></p>
        </form>
        <form method="post" action="/review/reject" class="form reject">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$t/@id}"/>
          <p>
            <label for="f-reason"><xsl:call-template name="required-mark"/>回退原因</label>
            <xsl:call-template name="field-errors"><xsl:with-param name="name">reason</xsl:with-param></xsl:call-template>
          </p>
          <textarea id="f-reason" name="reason" rows="3" cols="50" maxlength="200" required="required">
            <xsl:if test="/page/errors/error[@field = 'reason']">
              <xsl:attribute name="aria-invalid">true</xsl:attribute>
              <xsl:attribute name="class">invalid</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="reject/@reason"/>
          </textarea>
          <p class="buttons"><button type="submit" class="btn btn-danger">回退</button></p>
        </form>
      </div>
    </xsl:if>

    <p class="actions"><a class="btn" href="/review">返回待审核业务</a></p>
  </xsl:template>

  <!-- 查看 (in the browser, a new tab) and 下载 of the attachment in
       context. -->
  <xsl:template name="file-links">
    <a class="op" href="/review/attachment?id={@id}&amp;inline=1" target="_blank" rel="noopener">查看</a>
    <xsl:text> </xsl:text>
    <a class="op" href="/review/attachment?id={@id}">下载</a>
  </xsl:template>

  <!-- The persons of the task: a page at a time, the persons of a
       身份证号 (search), or those marked 不通过; each with the files that
       are theirs.  While it is 进行中 and may be decided in part, a tick
       and a 回退原因 box for each: 「标记不通过」 keeps the marks across
       pages and searches, 「取消标记」 drops one, 「保存」 sends every
       marked person back and approves the rest. -->
  <xsl:template name="persons">
    <xsl:variable name="p" select="persons"/>
    <xsl:variable name="t" select="task"/>
    <xsl:variable name="partial" select="$t/@state = '进行中' and $p/@partial = '1'"/>
    <xsl:variable name="echo" select="/page/partial/row"/>
    <xsl:call-template name="section">
      <xsl:with-param name="title">
        <xsl:choose>
          <xsl:when test="$p/@view = 'find'">人员名单(查询结果 <xsl:value-of select="$p/@total"/> 人,共 <xsl:value-of select="$p/@all"/> 人)</xsl:when>
          <xsl:when test="$p/@view = 'marked'">人员名单(已标记不通过 <xsl:value-of select="$p/@total"/> 人)</xsl:when>
          <xsl:otherwise>人员名单(共 <xsl:value-of select="$p/@total"/> 人)</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <form method="get" action="/review/task" class="form search persons-search">
      <input type="hidden" name="id" value="{$t/@id}"/>
      <label for="f-idno">身份证号</label>
      <input type="text" id="f-idno" name="idno" maxlength="18" size="20" value="{$p/@idno}">
        <xsl:if test="/page/errors/error[@field = 'idno']">
          <xsl:attribute name="aria-invalid">true</xsl:attribute>
          <xsl:attribute name="class">invalid</xsl:attribute>
        </xsl:if>
      </input>
      <button type="submit" class="btn">查找人员</button>
      <xsl:call-template name="field-errors"><xsl:with-param name="name">idno</xsl:with-param></xsl:call-template>
      <span class="views">
        <xsl:text> </xsl:text>
        <a class="op" href="/review/task?id={$t/@id}">全部人员</a>
        <xsl:if test="$partial or $p/@marks &gt; 0">
          <xsl:text> </xsl:text>
          <a class="op" href="/review/task?id={$t/@id}&amp;marked=1">已标记不通过(<xsl:value-of select="$p/@marks"/> 人)</a>
        </xsl:if>
      </span>
    </form>
    <form method="post" action="/review/mark" class="form partial">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$t/@id}"/>
      <input type="hidden" name="page" value="{$p/@page}"/>
      <xsl:if test="$p/@view = 'find'"><input type="hidden" name="idno" value="{$p/@idno}"/></xsl:if>
      <xsl:if test="$p/@view = 'marked'"><input type="hidden" name="marked" value="1"/></xsl:if>
      <xsl:for-each select="/page/errors/error[@field = 'row' or @field = 'unmark']">
        <p class="field-error" role="alert"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="$partial">
        <p class="buttons">
          <button type="submit" class="btn">标记所选人员不通过</button>
          <span class="hint">勾选申报有误的人员并填写各自的回退原因后标记;标记在翻页和按身份证号查找后保留(已标记 <xsl:value-of select="$p/@marks"/> 人)。</span>
        </p>
      </xsl:if>
      <table class="grid persons">
        <thead>
          <tr>
            <xsl:if test="$partial"><th class="check">回退</th></xsl:if>
            <th>序号</th>
            <th>姓名</th>
            <th>身份证号</th>
            <xsl:for-each select="$p/person[1]/fact">
              <th><xsl:value-of select="@label"/></th>
            </xsl:for-each>
            <xsl:if test="not($p/@view = 'marked')"><th>附件材料</th></xsl:if>
            <xsl:if test="$partial or $p/@view = 'marked'"><th>回退原因</th></xsl:if>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$p/person">
            <xsl:variable name="row" select="@row"/>
            <xsl:variable name="files" select="/page/attachments/attachment[@person != '0'][@person = current()/@person]"/>
            <xsl:variable name="ticked" select="$echo[@no = $row] or (not($echo) and @marked = '1')"/>
            <tr>
              <xsl:if test="@marked = '1'"><xsl:attribute name="class">marked</xsl:attribute></xsl:if>
              <xsl:if test="$partial">
                <td class="check">
                  <input type="checkbox" name="row" value="{@row}" id="r-{@row}"
                         aria-label="回退 第{@row}行 {@name}">
                    <xsl:if test="$ticked"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                </td>
              </xsl:if>
              <td class="num"><xsl:if test="@row != '0'"><xsl:value-of select="@row"/></xsl:if></td>
              <td>
                <xsl:value-of select="@name"/>
                <xsl:if test="@marked = '1'"><xsl:text> </xsl:text><span class="badge badge-returned">已标记不通过</span></xsl:if>
              </td>
              <td class="mono"><xsl:value-of select="@idno"/></td>
              <xsl:for-each select="fact">
                <td><xsl:value-of select="."/></td>
              </xsl:for-each>
              <xsl:if test="not($p/@view = 'marked')">
                <td class="files">
                  <xsl:for-each select="$files">
                    <div>
                      <xsl:value-of select="@kind-name"/>
                      <xsl:text>:</xsl:text>
                      <xsl:call-template name="file-links"/>
                    </div>
                  </xsl:for-each>
                  <xsl:if test="not($files)">无</xsl:if>
                </td>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="$partial">
                  <td>
                    <input type="text" name="reason_{@row}" maxlength="200" size="40" class="reason-input"
                           aria-label="第{@row}行 {@name} 回退原因">
                      <xsl:attribute name="value">
                        <xsl:choose>
                          <xsl:when test="$echo[@no = $row]"><xsl:value-of select="$echo[@no = $row]/@reason"/></xsl:when>
                          <xsl:otherwise><xsl:value-of select="@mark-reason"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:attribute>
                      <xsl:if test="/page/errors/error[@field = concat('reason_', $row)]">
                        <xsl:attribute name="aria-invalid">true</xsl:attribute>
                        <xsl:attribute name="class">reason-input invalid</xsl:attribute>
                      </xsl:if>
                    </input>
                    <xsl:if test="@marked = '1'">
                      <xsl:text> </xsl:text>
                      <button type="submit" class="btn btn-small" formaction="/review/unmark" name="unmark" value="{@row}">取消标记</button>
                    </xsl:if>
                    <xsl:call-template name="field-errors"><xsl:with-param name="name" select="concat('reason_', $row)"/></xsl:call-template>
                  </td>
                </xsl:when>
                <xsl:when test="$p/@view = 'marked'">
                  <td><xsl:value-of select="@mark-reason"/></td>
                </xsl:when>
              </xsl:choose>
            </tr>
          </xsl:for-each>
          <xsl:if test="not($p/person)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols" select="4 + count($p/person[1]/fact)"/></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
      <xsl:if test="$partial">
        <p class="buttons">
          <button type="submit" class="btn btn-danger" formaction="/review/partial" id="btn-partial"
                  data-confirm="确定保存并部分回退吗?已标记不通过的 {$p/@marks} 人及本页勾选的人员将退回单位修改,其余人员即审核通过,不能撤回。">保存并部分回退</button>
          <span class="hint">点击“保存并部分回退”:已标记不通过的 <xsl:value-of select="$p/@marks"/> 人及本页勾选的人员退回单位修改(成为一笔新的待办业务,每人附各自的回退原因),其余人员即审核通过。全部有误请使用下方“回退”;全部无误请点击“审核通过”。</span>
        </p>
      </xsl:if>
    </form>
    <xsl:if test="$p/@pages &gt; 1">
      <xsl:variable name="base">
        <xsl:value-of select="concat('/review/task?id=', $t/@id)"/>
        <xsl:if test="$p/@view = 'marked'">&amp;marked=1</xsl:if>
        <xsl:text>&amp;page=</xsl:text>
      </xsl:variable>
      <p class="pager">
        <xsl:text>第 </xsl:text><xsl:value-of select="$p/@page"/><xsl:text>/</xsl:text><xsl:value-of select="$p/@pages"/><xsl:text> 页(每页 </xsl:text>
        <xsl:value-of select="$p/@per-page"/><xsl:text> 人)</xsl:text>
        <xsl:if test="$p/@page &gt; 1">
          <xsl:text> </xsl:text><a class="op" href="{$base}1">首页</a>
          <xsl:text> </xsl:text><a class="op" href="{$base}{$p/@page - 1}" rel="prev">上一页</a>
        </xsl:if>
        <xsl:if test="$p/@page &lt; $p/@pages">
          <xsl:text> </xsl:text><a class="op" href="{$base}{$p/@page + 1}" rel="next">下一页</a>
          <xsl:text> </xsl:text><a class="op" href="{$base}{$p/@pages}">末页</a>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
